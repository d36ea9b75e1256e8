/**
 * One-shot commands (`sync`, `push alert`) run the queue worker in-process until the work they
 * started is done: until no job is due or running. Jobs waiting for a retry later (backoff)
 * do not hold the command: they are reported as `retrying`, and `cwbridge worker` (or the next
 * command) runs them.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { App } from "./open-app.js";
import { isIdle, statsOf } from "../queue/idle.js";
import type { QueueStats } from "../queue/port.js";

/** What the queue looked like when the command stopped waiting. */
export interface IdleReport {
  readonly stats: QueueStats;
  /** Pending jobs not due yet (retries after a failure, scheduled work). */
  readonly waiting: number;
  readonly timedOut: boolean;
}

/** Options of {@link runUntilIdle}. */
export interface RunUntilIdleOptions {
  readonly timeoutMs?: number;
  readonly concurrency?: number;
  /** Called on every poll (progress). */
  readonly onPoll?: (stats: QueueStats) => void;
  /** Stop early once this is true, even if other jobs are due (e.g. an incident has its ticket). */
  readonly until?: () => Promise<boolean>;
  readonly signal?: AbortSignal;
}

/**
 * Starts the worker, waits until the queue is idle (or `until`), stops the worker.
 *
 * @example
 * const idle = await runUntilIdle(engine, { timeoutMs: 120_000 });
 * if (idle.stats.failed > 0) console.warn("some jobs failed");
 */
export async function runUntilIdle(
  engine: App,
  options: RunUntilIdleOptions = {},
): Promise<IdleReport> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  await engine.start({ concurrency: options.concurrency ?? 4, pollMs: 25 });
  try {
    for (;;) {
      const load = await engine.ctx.queue.load();
      const stats = statsOf(load);
      options.onPoll?.(stats);
      const idle = isIdle(load);
      const reached = options.until !== undefined && (await options.until());
      const late = Date.now() > deadline;
      if (idle || reached || late || options.signal?.aborted === true) {
        return { stats, waiting: load.waiting, timedOut: !idle && !reached && late };
      }
      await sleep(50);
    }
  } finally {
    await engine.stop();
  }
}
