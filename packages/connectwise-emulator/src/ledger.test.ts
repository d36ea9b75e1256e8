import { describe, expect, it } from "vitest";
import { createLedger } from "./ledger.js";

const clock = { now: () => new Date("2025-06-01T12:00:00Z") };

describe("ledger", () => {
  it("numbers and stamps entries and filters by kind", () => {
    const ledger = createLedger(clock);
    ledger.append({ kind: "change", requestId: "r1", table: "tickets", op: "create", id: 1 });
    ledger.append({
      kind: "request",
      requestId: "r1",
      method: "POST",
      path: "/service/tickets",
      query: {},
      status: 201,
    });
    expect(ledger.entries().map((e) => [e.seq, e.kind, e.at])).toEqual([
      [1, "change", "2025-06-01T12:00:00.000Z"],
      [2, "request", "2025-06-01T12:00:00.000Z"],
    ]);
    expect(ledger.changes()).toHaveLength(1);
    expect(ledger.requests()).toHaveLength(1);
    ledger.clear();
    expect(ledger.entries()).toEqual([]);
  });

  it("keeps at most `limit` entries, dropping the oldest", () => {
    const ledger = createLedger(clock, 10);
    for (let i = 0; i < 100; i += 1) {
      ledger.append({ kind: "change", requestId: `r${i}`, table: "tickets", op: "update", id: i });
    }
    const entries = ledger.entries();
    expect(entries.length).toBeLessThanOrEqual(11);
    expect(entries.at(-1)?.seq).toBe(100);
  });
});
