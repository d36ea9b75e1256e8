/**
 * How the `events` table shows an outcome: in-flight rows and rows settled by the sweep (a
 * request in flight when its engine stopped) say so; `--json` keeps the raw `outcome` and
 * `errorCode`.
 */
import type { EventRow } from "../../features/events/index.js";
import { ENGINE_STOPPED_CODE as ENGINE_STOPPED } from "../../store/index.js";

/**
 * The outcome cell of an event.
 *
 * @example
 * outcomeLabel({ outcome: "outcome_unknown", errorCode: "CWB_ERR_ENGINE_STOPPED" }); // "outcome_unknown (in flight when the engine stopped)"
 */
export function outcomeLabel(event: Pick<EventRow, "outcome" | "errorCode">): string {
  if (event.outcome === "sending") return "sending (in flight)";
  if (event.outcome === "outcome_unknown" && event.errorCode === ENGINE_STOPPED) {
    return "outcome_unknown (in flight when the engine stopped)";
  }
  return event.outcome;
}

/**
 * The latency cell: none while a request is in flight or when it never completed.
 *
 * @example
 * latencyLabel({ outcome: "ok", latencyMs: 42 }); // "42"
 */
export function latencyLabel(event: Pick<EventRow, "outcome" | "latencyMs" | "errorCode">): string {
  const unfinished = event.outcome === "sending" || event.errorCode === ENGINE_STOPPED;
  return unfinished ? "-" : String(event.latencyMs);
}
