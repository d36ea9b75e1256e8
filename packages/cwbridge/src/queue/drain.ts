/**
 * `drain()` for any adapter: polls `stats()` until nothing is pending or running.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { QueueError } from "./errors.js";
import type { QueueStats } from "./port.js";

/** Options of {@link drainByPolling}. */
export interface DrainOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

/**
 * Resolves once `stats()` reports no pending and no running job; rejects with
 * `CWB_ERR_QUEUE_DRAIN_TIMEOUT` after `timeoutMs` (default 30 s).
 *
 * @example
 * await drainByPolling(() => queue.stats(), { timeoutMs: 5000 });
 */
export async function drainByPolling(
  stats: () => Promise<QueueStats>,
  options: DrainOptions = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const s = await stats();
    if (s.pending === 0 && s.running === 0) return;
    if (Date.now() > deadline) {
      throw new QueueError(
        "CWB_ERR_QUEUE_DRAIN_TIMEOUT",
        `queue not drained: ${s.pending} pending, ${s.running} running`,
      );
    }
    await sleep(options.pollMs ?? 25);
  }
}
