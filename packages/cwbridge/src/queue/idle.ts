/**
 * The port's idle rule, shared by every adapter and by consumers holding a {@link QueueLoad}.
 */
import type { QueueLoad, QueueStats } from "./port.js";

/**
 * True when no job is due or running: waiting (not yet due) and failed jobs do not count.
 *
 * @example
 * const load = await queue.load();
 * if (isIdle(load)) console.log(`${load.waiting} job(s) scheduled for later`);
 */
export function isIdle(load: Pick<QueueLoad, "due" | "running">): boolean {
  return load.due === 0 && load.running === 0;
}

/**
 * The status counts of a load, without the due/waiting split (the shape of `stats()`).
 *
 * @example
 * const stats = statsOf(await queue.load()); // { pending, running, failed }
 */
export function statsOf(load: QueueLoad): QueueStats {
  return { pending: load.pending, running: load.running, failed: load.failed };
}
