/**
 * The incident lifecycle as a pure decision table: alert events (fire/resolve) and ticket outcomes
 * move an incident through `none → opening → open → resolving → closed`, and each decision names
 * the one ConnectWise action to take. Exactly one open ticket per incident key.
 */
import type { AlertEvent } from "./alert-event.js";
import { DomainError } from "./errors.js";

/** Statuses of an incident. `opening`/`resolving`: the ticket write is requested, not confirmed. */
export const INCIDENT_STATUSES = ["none", "opening", "open", "resolving", "closed"] as const;

/** One of {@link INCIDENT_STATUSES}. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Every valid status change (staying in the same status is always valid). */
export const INCIDENT_TRANSITIONS = {
  none: ["opening"],
  opening: ["open", "resolving", "closed"],
  open: ["resolving", "closed"],
  resolving: ["closed", "open"],
  closed: ["open", "opening"],
} as const satisfies Record<IncidentStatus, readonly IncidentStatus[]>;

/** Persisted incident state (times in epoch milliseconds). */
export interface IncidentState {
  readonly status: IncidentStatus;
  readonly openedAt?: number;
  readonly lastNoteAt?: number;
  readonly closedAt?: number;
  /** `occurredAt` of the newest event applied (older events are stale). */
  readonly lastEventAt?: number;
}

/** The initial state of an unseen incident. */
export const NEW_INCIDENT: IncidentState = { status: "none" };

/** Timing policy. */
export interface IncidentPolicy {
  /** At most one repeat note per this interval. */
  readonly noteIntervalMs: number;
  /** A re-fire within this time of the close reopens the same ticket; later ones open a new one. */
  readonly reopenWindowMs: number;
}

/** Defaults: a note at most every 15 minutes; reopen within 24 hours. */
export const DEFAULT_INCIDENT_POLICY = {
  noteIntervalMs: 15 * 60_000,
  reopenWindowMs: 24 * 3_600_000,
} as const satisfies IncidentPolicy;

/** Why nothing is done. */
export type NoActionReason = "rate-limited" | "not-open" | "already-closing" | "stale";

/** The action a decision asks the engine to take. */
export type IncidentAction =
  | { readonly kind: "open" }
  | { readonly kind: "note" }
  | { readonly kind: "close" }
  | { readonly kind: "reopen" }
  | { readonly kind: "new" }
  | { readonly kind: "none"; readonly reason: NoActionReason };

/** A decision: the action and the next state. */
export interface IncidentDecision {
  readonly action: IncidentAction;
  readonly state: IncidentState;
}

/**
 * Throws `CWB_ERR_INCIDENT_TRANSITION` unless `from → to` is in {@link INCIDENT_TRANSITIONS}.
 *
 * @example
 * assertIncidentTransition("none", "open") // throws DomainError
 */
export function assertIncidentTransition(from: IncidentStatus, to: IncidentStatus): void {
  const allowed: readonly IncidentStatus[] = INCIDENT_TRANSITIONS[from];
  if (from !== to && !allowed.includes(to)) {
    throw new DomainError(
      "CWB_ERR_INCIDENT_TRANSITION",
      `incident cannot go from '${from}' to '${to}'`,
    );
  }
}

function decided(
  from: IncidentState,
  action: IncidentAction,
  state: IncidentState,
): IncidentDecision {
  assertIncidentTransition(from.status, state.status);
  return { action, state };
}

function decideFire(state: IncidentState, now: number, policy: IncidentPolicy): IncidentDecision {
  const fresh: IncidentState = { status: "opening", openedAt: now, lastNoteAt: now };
  switch (state.status) {
    case "none":
      return decided(state, { kind: "open" }, { ...state, ...fresh });
    case "opening":
    case "open":
      if (now - (state.lastNoteAt ?? -Infinity) < policy.noteIntervalMs) {
        return decided(state, { kind: "none", reason: "rate-limited" }, state);
      }
      return decided(state, { kind: "note" }, { ...state, lastNoteAt: now });
    case "resolving":
      return decided(
        state,
        { kind: "reopen" },
        withoutClosedAt({ ...state, status: "open", lastNoteAt: now }),
      );
    case "closed":
      if (state.closedAt !== undefined && now - state.closedAt <= policy.reopenWindowMs) {
        return decided(
          state,
          { kind: "reopen" },
          withoutClosedAt({ ...state, status: "open", lastNoteAt: now }),
        );
      }
      return decided(state, { kind: "new" }, withoutClosedAt({ ...state, ...fresh }));
  }
}

function decideResolve(state: IncidentState, now: number): IncidentDecision {
  switch (state.status) {
    case "none":
      return decided(state, { kind: "none", reason: "not-open" }, state);
    case "opening":
    case "open":
      return decided(state, { kind: "close" }, { ...state, status: "resolving", closedAt: now });
    case "resolving":
    case "closed":
      return decided(state, { kind: "none", reason: "already-closing" }, state);
  }
}

function withoutClosedAt(state: IncidentState): IncidentState {
  const { closedAt: _closedAt, ...rest } = state;
  return rest;
}

/**
 * Decides what an alert event does to an incident. `now` (epoch ms) drives the note rate limit
 * and the reopen window; events older than the newest applied one are ignored as stale.
 * Actions on an incident must run in order, one at a time per key (a `note` or `close` decided
 * while `opening` runs after the pending create: a resolve never cancels the ticket of a fire
 * that was accepted, see `ticket-create.ts`).
 *
 * @example
 * const { action, state } = decideAlert(NEW_INCIDENT, fireEvent, Date.now());
 * action // { kind: "open" }; state.status === "opening"
 */
export function decideAlert(
  state: IncidentState,
  event: Pick<AlertEvent, "kind" | "occurredAt">,
  now: number,
  policy: IncidentPolicy = DEFAULT_INCIDENT_POLICY,
): IncidentDecision {
  const at = Date.parse(event.occurredAt);
  if (Number.isFinite(at) && state.lastEventAt !== undefined && at < state.lastEventAt) {
    return { action: { kind: "none", reason: "stale" }, state };
  }
  const decision =
    event.kind === "fire" ? decideFire(state, now, policy) : decideResolve(state, now);
  const lastEventAt = Number.isFinite(at)
    ? Math.max(at, state.lastEventAt ?? at)
    : state.lastEventAt;
  return lastEventAt === undefined
    ? decision
    : { ...decision, state: { ...decision.state, lastEventAt } };
}

/** What the engine reports back after executing actions (or a callback reports). */
export type IncidentOutcome =
  | { readonly kind: "ticket-opened" }
  | { readonly kind: "ticket-closed"; readonly by: "engine" | "technician" };

/**
 * Applies a confirmed outcome. An engine close confirmed after a reopen is ignored (the reopen
 * wins); a technician's close closes the incident from any open status. Invalid combinations
 * (e.g. a ticket opened for an incident that never fired) throw `CWB_ERR_INCIDENT_TRANSITION`.
 *
 * @example
 * applyIncidentOutcome(state, { kind: "ticket-opened" }, Date.now()).status // "open"
 */
export function applyIncidentOutcome(
  state: IncidentState,
  outcome: IncidentOutcome,
  now: number,
): IncidentState {
  const next = nextOnOutcome(state, outcome, now);
  assertIncidentTransition(state.status, next.status);
  return next;
}

function nextOnOutcome(state: IncidentState, outcome: IncidentOutcome, now: number): IncidentState {
  if (outcome.kind === "ticket-opened") {
    return state.status === "opening" || state.status === "none"
      ? { ...state, status: "open" }
      : state;
  }
  if (outcome.by === "engine")
    return state.status === "resolving" ? { ...state, status: "closed" } : state;
  if (state.status === "closed") return state;
  return { ...state, status: "closed", closedAt: now };
}
