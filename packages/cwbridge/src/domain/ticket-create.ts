/**
 * Whether an incident's ticket is created, searched for or waited on (reliability §2.4), as a
 * pure decision. Exactly one ticket per incident generation, whatever crashed when.
 *
 * The incident's status is deliberately NOT an input: a fire that was accepted gets its ticket
 * even when its resolve arrived before the create ran (the create was queued, held by a dead
 * worker, or in doubt). The resolve only means the ticket is closed right after it exists. So
 * the outcome (one ticket, closed when resolved) is the same with or without crashes; only
 * when it happens differs.
 *
 * The settle window: after a create whose outcome is unknown (timeout, reset, 5xx, or the
 * process died while it was in flight), ConnectWise may still commit it; until the window has
 * passed since the attempt started, a search that finds nothing is repeated later instead of
 * creating again. Once it has passed, the create is sent again.
 */

/** Re-searches after an ambiguous create, measured from its start (then create again). */
export const SETTLE_SEARCH_OFFSETS_MS = [5_000, 30_000, 120_000, 600_000] as const;

/** What is known about the creates of the current generation. */
export interface TicketCreateFacts {
  /** Creates attempted so far (each recorded and committed before its POST). */
  readonly attempts: number;
  /** Start (epoch ms) of the create whose outcome is unknown, if one is. */
  readonly outcomeUnknownSinceMs?: number;
}

/** What the create step does once a search (when one was needed) found nothing. */
export type TicketCreateDecision =
  { readonly kind: "create" } | { readonly kind: "wait"; readonly untilMs: number };

/**
 * When to search again while an ambiguous create settles, or `undefined` once the settle
 * window has passed (create again).
 *
 * @example
 * nextSettleSearch(Date.parse(since), Date.now(), 900_000)
 */
export function nextSettleSearch(
  sinceMs: number,
  nowMs: number,
  settleMs: number,
): Date | undefined {
  if (nowMs - sinceMs >= settleMs) return undefined;
  const offset = SETTLE_SEARCH_OFFSETS_MS.find((o) => sinceMs + o > nowMs) ?? settleMs;
  return new Date(sinceMs + Math.min(offset, settleMs));
}

/**
 * Whether the ticket must be searched for before anything is created: a create was attempted
 * before (it may have landed) or one is in doubt.
 *
 * @example
 * mustSearchFirst({ attempts: 1 }) // true
 */
export function mustSearchFirst(facts: TicketCreateFacts): boolean {
  return facts.attempts > 0 || facts.outcomeUnknownSinceMs !== undefined;
}

/**
 * After a search found no ticket (or none was needed): create now, or wait for the next
 * settle search while an ambiguous create is younger than `settleWindowMs`.
 *
 * @example
 * decideTicketCreate({ attempts: 1, outcomeUnknownSinceMs: t0 }, t0 + 1_000, 900_000) // { kind: "wait", untilMs: t0 + 5_000 }
 */
export function decideTicketCreate(
  facts: TicketCreateFacts,
  nowMs: number,
  settleWindowMs: number,
): TicketCreateDecision {
  const since = facts.outcomeUnknownSinceMs;
  if (since === undefined) return { kind: "create" };
  const next = nextSettleSearch(since, nowMs, settleWindowMs);
  return next === undefined ? { kind: "create" } : { kind: "wait", untilMs: next.getTime() };
}
