import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyIncidentOutcome, decideAlert, NEW_INCIDENT, type IncidentState } from "./incident.js";
import {
  decideTicketCreate,
  mustSearchFirst,
  nextSettleSearch,
  type TicketCreateFacts,
} from "./ticket-create.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const SETTLE_MS = 15 * 60_000;

describe("decideTicketCreate", () => {
  it("creates when nothing is in doubt, waits for the settle searches while a create is", () => {
    expect(mustSearchFirst({ attempts: 0 })).toBe(false);
    expect(mustSearchFirst({ attempts: 1 })).toBe(true);
    expect(mustSearchFirst({ attempts: 0, outcomeUnknownSinceMs: T0 })).toBe(true);
    expect(decideTicketCreate({ attempts: 2 }, T0, SETTLE_MS)).toEqual({ kind: "create" });
    const doubt = { attempts: 1, outcomeUnknownSinceMs: T0 };
    expect(decideTicketCreate(doubt, T0 + 1_000, SETTLE_MS)).toEqual({
      kind: "wait",
      untilMs: T0 + 5_000,
    });
    expect(decideTicketCreate(doubt, T0 + SETTLE_MS - 1, SETTLE_MS)).toEqual({
      kind: "wait",
      untilMs: T0 + SETTLE_MS,
    });
    expect(decideTicketCreate(doubt, T0 + SETTLE_MS, SETTLE_MS)).toEqual({ kind: "create" });
    expect(nextSettleSearch(T0, T0, 0)).toBeUndefined();
  });
});

/**
 * A model of one incident's ticket work against ConnectWise, with a worker that may die at
 * every point of a create, ConnectWise committing a create up to `lag` after it was sent, and
 * the resolve arriving at any point. The create step follows `mustSearchFirst` /
 * `decideTicketCreate` exactly as `services/alerts/ensure-ticket.ts` does; the close step runs
 * once a ticket is known and the incident is resolving.
 */
type Crash = "none" | "after-marker" | "never-sent" | "sent-unanswered";
type Command =
  | { readonly type: "run"; readonly crash: Crash; readonly lagMs: number }
  | { readonly type: "resolve" }
  | { readonly type: "wait"; readonly ms: number };

interface World {
  now: number;
  state: IncidentState;
  ticketId: number | undefined;
  facts: TicketCreateFacts;
  tickets: { id: number; visibleAt: number; closed: boolean }[];
}

function runOnce(w: World, crash: Crash, lagMs: number): void {
  if (w.ticketId === undefined) {
    if (mustSearchFirst(w.facts)) {
      const found = w.tickets.find((t) => !t.closed && t.visibleAt <= w.now);
      if (found !== undefined) {
        w.ticketId = found.id;
        w.facts = { attempts: w.facts.attempts };
      } else if (decideTicketCreate(w.facts, w.now, SETTLE_MS).kind === "wait") {
        return;
      }
    }
    if (w.ticketId === undefined) {
      w.facts = { attempts: w.facts.attempts + 1, outcomeUnknownSinceMs: w.now };
      if (crash === "after-marker" || crash === "never-sent") return;
      const id = w.tickets.length + 1;
      w.tickets.push({ id, visibleAt: w.now + (crash === "none" ? 0 : lagMs), closed: false });
      if (crash === "sent-unanswered") return;
      w.ticketId = id;
      w.facts = { attempts: w.facts.attempts };
    }
  }
  w.state = applyIncidentOutcome(w.state, { kind: "ticket-opened" }, w.now);
  if (w.state.status === "resolving") {
    const ticket = w.tickets.find((t) => t.id === w.ticketId);
    if (ticket !== undefined) ticket.closed = true;
    w.state = applyIncidentOutcome(w.state, { kind: "ticket-closed", by: "engine" }, w.now);
  }
}

function simulate(commands: readonly Command[]): World {
  const fired = decideAlert(
    NEW_INCIDENT,
    { kind: "fire", occurredAt: new Date(T0).toISOString() },
    T0,
  );
  expect(fired.action.kind).toBe("open");
  const w: World = {
    now: T0,
    state: fired.state,
    ticketId: undefined,
    facts: { attempts: 0 },
    tickets: [],
  };
  for (const command of commands) {
    if (command.type === "wait") w.now += command.ms;
    else if (command.type === "run") runOnce(w, command.crash, command.lagMs);
    else if (w.state.status === "opening" || w.state.status === "open") {
      const at = new Date(w.now).toISOString();
      w.state = decideAlert(w.state, { kind: "resolve", occurredAt: at }, w.now).state;
    }
  }
  // The engine keeps running (no more crashes) until the incident has converged.
  for (let i = 0; i < 10 && (w.ticketId === undefined || w.state.status === "resolving"); i++) {
    w.now += SETTLE_MS;
    runOnce(w, "none", 0);
  }
  return w;
}

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    type: fc.constant("run" as const),
    crash: fc.constantFrom<Crash>("none", "after-marker", "never-sent", "sent-unanswered"),
    // ConnectWise commits within the settle window (the window's premise, §2.4).
    lagMs: fc.integer({ min: 0, max: SETTLE_MS - 1 }),
  }),
  fc.constant({ type: "resolve" as const }),
  fc.record({ type: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 2 * SETTLE_MS }) }),
);

describe("one ticket per accepted fire (property)", () => {
  it("whatever crashes when and whenever the resolve arrives: exactly one ticket, closed iff resolved", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        const w = simulate(commands);
        expect(w.tickets).toHaveLength(1);
        const resolved = commands.some((c) => c.type === "resolve");
        expect(w.state.status).toBe(resolved ? "closed" : "open");
        expect(w.tickets[0]?.closed).toBe(resolved);
        expect(w.ticketId).toBe(w.tickets[0]?.id);
      }),
      { numRuns: 1_000 },
    );
  });
});
