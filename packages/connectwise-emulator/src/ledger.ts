/**
 * The ledger: every request, state change and callback delivery, in order. Tests use it as
 * the oracle ("was the ticket created exactly once?", "did the client honour Retry-After?").
 */
import type { Clock, LedgerEntry } from "./types.js";

type RequestEntry = Extract<LedgerEntry, { kind: "request" }>;
type ChangeEntry = Extract<LedgerEntry, { kind: "change" }>;
type CallbackEntry = Extract<LedgerEntry, { kind: "callback" }>;

/** Distributes `Omit` over a union so each variant keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An entry before the ledger numbers and stamps it. */
export type NewLedgerEntry = DistributiveOmit<LedgerEntry, "seq" | "at">;

/** The emulator's ledger (the public `emulator.ledger` plus `append`). */
export interface Ledger {
  append(entry: NewLedgerEntry): void;
  entries(): readonly LedgerEntry[];
  requests(): readonly RequestEntry[];
  changes(): readonly ChangeEntry[];
  callbacks(): readonly CallbackEntry[];
  clear(): void;
}

/**
 * An in-memory ledger stamped by `clock`, keeping at most `limit` entries (oldest dropped;
 * `seq` keeps counting).
 *
 * @example
 * const ledger = createLedger({ now: () => new Date() });
 * ledger.append({ kind: "change", requestId: "r1", table: "tickets", op: "create", id: 1 });
 */
export function createLedger(clock: Clock, limit = Number.POSITIVE_INFINITY): Ledger {
  let entries: LedgerEntry[] = [];
  let seq = 0;
  // Trim in chunks so appending stays O(1) amortised.
  const slack = Number.isFinite(limit) ? Math.max(1, Math.floor(limit / 10)) : 0;
  return {
    append(entry) {
      seq += 1;
      entries.push({ ...entry, seq, at: clock.now().toISOString() });
      if (entries.length > limit + slack) entries = entries.slice(entries.length - limit);
    },
    entries: () => entries.slice(),
    requests: () => entries.filter((e): e is RequestEntry => e.kind === "request"),
    changes: () => entries.filter((e): e is ChangeEntry => e.kind === "change"),
    callbacks: () => entries.filter((e): e is CallbackEntry => e.kind === "callback"),
    clear() {
      entries = [];
    },
  };
}
