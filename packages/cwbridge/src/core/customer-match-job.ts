/**
 * The job that runs customer matching by itself (the customers feature handles it): enqueued
 * when a connection is saved (its sources' customers) and when customers are pushed (that
 * source's). Here, below the features, so the connections feature can enqueue it without
 * importing the customers feature (which imports connections through sources).
 */
import type { JobSpec } from "../queue/port.js";
import { JOB_PRIORITY } from "./context.js";

/** Job kind of the automatic customer match. */
export const CUSTOMER_MATCH_JOB = "customers-match";

/** What to match: every source of a connection, or one source. */
export type CustomerMatchTarget = { readonly connectionId: string } | { readonly sourceId: string };

/**
 * The job spec (deduplicated per target while pending; all in one serial queue, so a
 * connection's match and a source's never race on the same mappings).
 *
 * @example
 * await ctx.queue.enqueue(customerMatchJob({ connectionId }), tx.storeTx);
 */
export function customerMatchJob(target: CustomerMatchTarget): JobSpec {
  const id =
    "connectionId" in target ? `connection:${target.connectionId}` : `source:${target.sourceId}`;
  return {
    kind: CUSTOMER_MATCH_JOB,
    payload: target,
    key: `${CUSTOMER_MATCH_JOB}:${id}`,
    queue: CUSTOMER_MATCH_JOB,
    priority: JOB_PRIORITY.maintenance,
    maxAttempts: 3,
  };
}
