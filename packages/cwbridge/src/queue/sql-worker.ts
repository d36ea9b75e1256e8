/**
 * The worker loop of the store-backed queue: claim up to `concurrency` jobs, run them, renew
 * their leases, record success (delete) or failure (retry with backoff / dead letter).
 *
 * Bookkeeping is cheap on purpose: claims, completions, failures and lease renewals are
 * relaxed transactions (no wait for the disk; losing one to a power cut only runs a job again),
 * and expired leases are looked for every `leaseMs / 4` rather than on every claim.
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

/** Queue bookkeeping does not wait for the disk (see the module comment). */
const RELAXED = { durability: "relaxed" } as const;

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
  #reclaimedAt = Number.NEGATIVE_INFINITY;

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
        reclaim: this.#reclaimDue(),
      });
      if (job === undefined) return;
      const done = this.#execute(job).finally(() => {
        this.#running.delete(job.id);
        this.nudge();
      });
      this.#running.set(job.id, done);
    }
  }

  /** Whether this claim should first look for expired leases (at most every `leaseMs / 4`). */
  #reclaimDue(): boolean {
    const now = performance.now();
    if (now - this.#reclaimedAt < this.#o.leaseMs / 4) return false;
    this.#reclaimedAt = now;
    return true;
  }

  async #execute(job: Job): Promise<void> {
    const { store, workerId } = this.#o;
    try {
      await this.#o.handler(job);
    } catch (err) {
      const retryAt = isoIn(retryDelayMs(job.attempts, this.#o.backoff));
      const error = describeError(err);
      await store
        .transaction((tx) => failJob(tx, job, { workerId, error, retryAt, now: nowIso() }), RELAXED)
        .catch(this.#o.onError);
      return;
    }
    await store
      .transaction((tx) => completeJob(tx, Number(job.id), workerId), RELAXED)
      .catch(this.#o.onError);
  }

  async #renewLeases(): Promise<void> {
    const ids = [...this.#running.keys()].map(Number);
    if (ids.length === 0) return;
    await this.#o.store
      .transaction((tx) => heartbeat(tx, this.#o.workerId, ids, nowIso()), RELAXED)
      .catch(this.#o.onError);
  }
}
