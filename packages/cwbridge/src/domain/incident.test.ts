import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import {
  DEFAULT_INCIDENT_POLICY,
  INCIDENT_STATUSES,
  INCIDENT_TRANSITIONS,
  NEW_INCIDENT,
  applyIncidentOutcome,
  assertIncidentTransition,
  decideAlert,
  type IncidentState,
} from "./incident.js";

const MIN = 60_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();
const fire = (ms = 0) => ({ kind: "fire" as const, occurredAt: at(ms) });
const resolve = (ms = 0) => ({ kind: "resolve" as const, occurredAt: at(ms) });

describe("decideAlert", () => {
  it("opens on the first fire, then notes at most once per interval", () => {
    const a = decideAlert(NEW_INCIDENT, fire(), T0);
    expect(a.action).toEqual({ kind: "open" });
    expect(a.state.status).toBe("opening");
    const b = decideAlert(a.state, fire(1), T0 + 5 * MIN);
    expect(b.action).toEqual({ kind: "none", reason: "rate-limited" });
    const c = decideAlert(
      applyIncidentOutcome(b.state, { kind: "ticket-opened" }, T0),
      fire(2),
      T0 + 16 * MIN,
    );
    expect(c.action).toEqual({ kind: "note" });
    expect(c.state).toMatchObject({ status: "open", lastNoteAt: T0 + 16 * MIN });
    expect(decideAlert(c.state, fire(3), T0 + 20 * MIN).action.kind).toBe("none");
  });

  it("closes on resolve, ignores repeated resolves and resolves of unknown incidents", () => {
    const open: IncidentState = { status: "open", openedAt: T0, lastNoteAt: T0 };
    const closing = decideAlert(open, resolve(), T0 + MIN);
    expect(closing.action).toEqual({ kind: "close" });
    expect(closing.state).toMatchObject({ status: "resolving", closedAt: T0 + MIN });
    expect(decideAlert(closing.state, resolve(1), T0 + 2 * MIN).action).toEqual({
      kind: "none",
      reason: "already-closing",
    });
    expect(decideAlert(NEW_INCIDENT, resolve(), T0).action).toEqual({
      kind: "none",
      reason: "not-open",
    });
  });

  it("a resolve before the ticket exists asks for the close after the create, never closes directly", () => {
    const opening = decideAlert(NEW_INCIDENT, fire(), T0);
    const closing = decideAlert(opening.state, resolve(1), T0 + 1);
    expect(closing.action).toEqual({ kind: "close" });
    expect(closing.state).toMatchObject({ status: "resolving", closedAt: T0 + 1 });
    // The pending create confirms into "resolving" (not "open"), and the close then completes.
    const created = applyIncidentOutcome(closing.state, { kind: "ticket-opened" }, T0 + 2);
    expect(created.status).toBe("resolving");
    const closed = applyIncidentOutcome(created, { kind: "ticket-closed", by: "engine" }, T0 + 3);
    expect(closed.status).toBe("closed");
  });

  it("reopens a flap within the window, opens a new ticket after it", () => {
    const closed: IncidentState = { status: "closed", openedAt: T0, closedAt: T0 };
    const window = DEFAULT_INCIDENT_POLICY.reopenWindowMs;
    const reopened = decideAlert(closed, fire(), T0 + window);
    expect(reopened.action).toEqual({ kind: "reopen" });
    expect(reopened.state.status).toBe("open");
    expect(reopened.state.closedAt).toBeUndefined();
    const fresh = decideAlert(closed, fire(), T0 + window + 1);
    expect(fresh.action).toEqual({ kind: "new" });
    expect(fresh.state).toMatchObject({ status: "opening", openedAt: T0 + window + 1 });
    expect(decideAlert({ status: "resolving", closedAt: T0 }, fire(), T0 + 1).action).toEqual({
      kind: "reopen",
    });
  });

  it("honours a custom policy", () => {
    const policy = { noteIntervalMs: 0, reopenWindowMs: 0 };
    const open: IncidentState = { status: "open", lastNoteAt: T0 };
    expect(decideAlert(open, fire(), T0, policy).action.kind).toBe("note");
    expect(
      decideAlert({ status: "closed", closedAt: T0 }, fire(), T0 + 1, policy).action.kind,
    ).toBe("new");
  });

  it("ignores events older than the newest applied one", () => {
    const a = decideAlert(NEW_INCIDENT, fire(10 * MIN), T0);
    const stale = decideAlert(a.state, resolve(5 * MIN), T0 + MIN);
    expect(stale.action).toEqual({ kind: "none", reason: "stale" });
    expect(stale.state).toBe(a.state);
  });
});

describe("applyIncidentOutcome", () => {
  it("confirms opens and closes, lets a technician close, ignores an engine close after a reopen", () => {
    expect(applyIncidentOutcome({ status: "opening" }, { kind: "ticket-opened" }, T0).status).toBe(
      "open",
    );
    expect(
      applyIncidentOutcome({ status: "resolving" }, { kind: "ticket-closed", by: "engine" }, T0)
        .status,
    ).toBe("closed");
    expect(
      applyIncidentOutcome({ status: "open" }, { kind: "ticket-closed", by: "engine" }, T0).status,
    ).toBe("open");
    expect(
      applyIncidentOutcome({ status: "open" }, { kind: "ticket-closed", by: "technician" }, T0),
    ).toEqual({
      status: "closed",
      closedAt: T0,
    });
  });

  it("rejects impossible outcomes with a typed error", () => {
    for (const outcome of [
      { kind: "ticket-opened" },
      { kind: "ticket-closed", by: "technician" },
    ] as const) {
      expect(() => applyIncidentOutcome(NEW_INCIDENT, outcome, T0)).toThrow(DomainError);
    }
  });
});

describe("INCIDENT_TRANSITIONS", () => {
  it("validates against the table", () => {
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        const allowed =
          from === to || (INCIDENT_TRANSITIONS[from] as readonly string[]).includes(to);
        if (allowed) expect(() => assertIncidentTransition(from, to)).not.toThrow();
        else {
          try {
            assertIncidentTransition(from, to);
            expect.unreachable();
          } catch (e) {
            expect((e as DomainError).code).toBe("CWB_ERR_INCIDENT_TRANSITION");
          }
        }
      }
    }
  });
});

type Step =
  | { readonly type: "event"; readonly kind: "fire" | "resolve"; readonly dt: number }
  | { readonly type: "confirm" }
  | { readonly type: "technician-close" };

/** Executes decisions against a model of ConnectWise tickets. */
function simulate(steps: readonly Step[]) {
  let state: IncidentState = NEW_INCIDENT;
  let now = T0;
  let seq = 0;
  const tickets: { open: boolean }[] = [];
  let current = -1;
  let maxOpen = 0;
  for (const step of steps) {
    if (step.type === "event") {
      now += step.dt;
      const { action, state: next } = decideAlert(
        state,
        { kind: step.kind, occurredAt: at(seq++) },
        now,
      );
      state = next;
      if (action.kind === "open" || action.kind === "new") {
        tickets.push({ open: true });
        current = tickets.length - 1;
      } else if (action.kind === "close" || action.kind === "reopen") {
        tickets[current]!.open = action.kind === "reopen";
      } else if (action.kind === "note") {
        expect(tickets[current]?.open).toBe(true);
      }
    } else if (step.type === "confirm") {
      if (state.status === "opening")
        state = applyIncidentOutcome(state, { kind: "ticket-opened" }, now);
      if (state.status === "resolving")
        state = applyIncidentOutcome(state, { kind: "ticket-closed", by: "engine" }, now);
    } else if (state.status !== "none") {
      if (current >= 0) tickets[current]!.open = false;
      state = applyIncidentOutcome(state, { kind: "ticket-closed", by: "technician" }, now);
    }
    maxOpen = Math.max(maxOpen, tickets.filter((t) => t.open).length);
  }
  return { state, tickets, maxOpen };
}

const dt = fc.oneof(
  fc.integer({ min: 0, max: 20 * MIN }),
  fc.integer({ min: 0, max: 3 * 24 * 60 * MIN }),
);
const eventStep = fc.record({
  type: fc.constant("event" as const),
  kind: fc.constantFrom("fire" as const, "resolve" as const),
  dt,
});
const confirmStep = fc.constant({ type: "confirm" as const });

describe("incident lifecycle (property)", () => {
  it("at most one open ticket; ends closed iff the last event is resolve", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(eventStep, eventStep, confirmStep), { minLength: 1, maxLength: 40 }),
        (steps) => {
          const { state, tickets, maxOpen } = simulate([...steps, { type: "confirm" }]);
          expect(maxOpen).toBeLessThanOrEqual(1);
          const events = steps.filter(
            (s): s is Extract<Step, { type: "event" }> => s.type === "event",
          );
          if (!events.some((e) => e.kind === "fire")) {
            expect(state.status).toBe("none");
            return;
          }
          const lastIsResolve = events.at(-1)?.kind === "resolve";
          expect(state.status === "closed").toBe(lastIsResolve);
          expect(tickets.some((t) => t.open)).toBe(!lastIsResolve);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("technician closes never lead to two open tickets", () => {
    const techStep = fc.constant({ type: "technician-close" as const });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(eventStep, confirmStep, techStep), { maxLength: 40 }),
        (steps) => {
          expect(simulate(steps).maxOpen).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
