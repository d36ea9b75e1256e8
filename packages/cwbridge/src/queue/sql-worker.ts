/**
 * The worker loop of the store-backed queue: claim up to `concurrency` jobs, run them, renew
 * their leases, record success (delete) or failure (retry with backoff / dead letter).
 */
import { retryDelayMs, type BackoffOptions } from "./backoff.js";
import { claimJob } from "./claim-job.js";
import type { Job, WorkerHandle, WorkOptions } from "./port.js";
import { completeJob, failJob, heartbeat } from "./sql-jobs.js";
import { isoIn, nowIso } from "../store/now.js";
import type { Store } from "../store/open-store.js";

/** Everything a worker needs. */
export interface SqlWorkerOptions extends WorkOptions {
  readonly store: Store;
  readonly workerId: string;
  readonly leaseMs: number;
  readonly backoff: BackoffOptions;
  /** Internal errors (claim/complete failures); the loop keeps going. */
  readonly onError: (err: unknown) => void;
}

const MAX_ERROR_LENGTH = 2000;

function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/** One worker; created by `SqliteQueue.work()`. */
export class SqlWorker implements WorkerHandle {
  readonly #o: SqlWorkerOptions;
  readonly #running = new Map<string, Promise<void>>();
  #stopping = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(options: SqlWorkerOptions) {
    this.#o = options;
  }

  /** Starts the loop and the lease heartbeat. */
  start(): void {
    const every = Math.max(10, Math.floor(this.#o.leaseMs / 3));
    this.#heartbeat = setInterval(() => void this.#renewLeases(), every);
    this.#loop = this.#run();
  }

  /** Looks for jobs now instead of at the next poll. */
  nudge(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.nudge();
    await this.#loop;
    await Promise.all(this.#running.values());
    clearInterval(this.#heartbeat);
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      await this.#fill().catch(this.#o.onError);
      if (this.#stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#o.pollMs ?? 250);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  async #fill(): Promise<void> {
    while (!this.#stopping && this.#running.size < this.#o.concurrency) {
      const job = await claimJob(this.#o.store, {
        workerId: this.#o.workerId,
        kinds: this.#o.kinds,
        leaseMs: this.#o.leaseMs,
      });
      if (job === undefined) return;
      const done = this.#execute(job).finally(() => {
        this.#running.delete(job.id);
        this.nudge();
      });
      this.#running.set(job.id, done);
    }
  }

  async #execute(job: Job): Promise<void> {
    const db = this.#o.store.db;
    try {
      await this.#o.handler(job);
    } catch (err) {
      const retryAt = isoIn(retryDelayMs(job.attempts, this.#o.backoff));
      const error = describeError(err);
      await failJob(db, job, { workerId: this.#o.workerId, error, retryAt, now: nowIso() }).catch(
        this.#o.onError,
      );
      return;
    }
    await completeJob(db, Number(job.id), this.#o.workerId).catch(this.#o.onError);
  }

  async #renewLeases(): Promise<void> {
    const ids = [...this.#running.keys()].map(Number);
    await heartbeat(this.#o.store.db, this.#o.workerId, ids, nowIso()).catch(this.#o.onError);
  }
}
