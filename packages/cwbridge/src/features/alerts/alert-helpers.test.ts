import { describe, expect, it } from "vitest";
import { incidentKey, readableIncidentKey } from "../../domain/incident-key.js";
import { hasHostileChars } from "../../domain/safe-text.js";
import { nextSettleSearch } from "../../domain/ticket-create.js";
import { incidentRetryDelayMs } from "./alert-jobs.js";
import { nextIncidentStep } from "./converge-incident.js";
import type { Incident } from "./incident-record.js";
import {
  closedStatusOf,
  duplicateStatusOf,
  openStatusOf,
  type StatusRow,
} from "./route-resolver.js";

const STATUSES: StatusRow[] = [
  { id: 11, name: "Closed", closedStatus: true, sortOrder: 4 },
  { id: 12, name: "Closed - Duplicate", closedStatus: true, sortOrder: 5 },
  { id: 8, name: "In Progress", sortOrder: 1 },
  { id: 7, name: "New", defaultFlag: true, sortOrder: 0 },
  { id: 13, name: "Resolved by monitoring", closedStatus: true, sortOrder: 6 },
  { id: 14, name: "Old", defaultFlag: true, inactive: true, sortOrder: 7 },
];

describe("board statuses", () => {
  it("opens with the default status and closes with 'Closed' unless configured", () => {
    expect(openStatusOf(STATUSES)?.id).toBe(7);
    expect(closedStatusOf(STATUSES)?.id).toBe(11);
    expect(closedStatusOf(STATUSES, "resolved BY monitoring")?.id).toBe(13);
    expect(closedStatusOf(STATUSES, "Not there")?.id).toBe(11);
    expect(duplicateStatusOf(STATUSES)?.id).toBe(12);
    expect(duplicateStatusOf(STATUSES.filter((s) => s.id !== 12))?.id).toBe(11);
    expect(closedStatusOf([{ id: 1, name: "New" }])).toBeUndefined();
    expect(openStatusOf([{ id: 3, name: "Done", closedStatus: true }])).toBeUndefined();
  });
});

describe("settle window", () => {
  it("re-searches at +5 s, +30 s, +2 min, +10 min, then creates again", () => {
    const since = 1_000_000;
    const at = (ms: number) => nextSettleSearch(since, since + ms, 900_000)?.getTime();
    expect(at(1_000)).toBe(since + 5_000);
    expect(at(5_000)).toBe(since + 30_000);
    expect(at(60_000)).toBe(since + 120_000);
    expect(at(300_000)).toBe(since + 600_000);
    expect(at(700_000)).toBe(since + 900_000);
    expect(at(900_000)).toBeUndefined();
    expect(nextSettleSearch(since, since, 0)).toBeUndefined();
    expect(nextSettleSearch(since, since + 1_000, 10_000)?.getTime()).toBe(since + 5_000);
    expect(nextSettleSearch(since, since + 6_000, 10_000)?.getTime()).toBe(since + 10_000);
  });
});

describe("incident steps", () => {
  const base = {
    state: "open",
    ticketId: 9,
    data: { noteSeq: 0, reopenSeq: 0, closeSeq: 0 },
  } as unknown as Incident;
  const withData = (state: Incident["state"], ticketId: number | null, data: object): Incident => ({
    ...base,
    state,
    ticketId,
    data: { ...base.data, ...data },
  });

  it("orders the steps: ticket, configuration, then close when resolving, else reopen, note", () => {
    expect(nextIncidentStep(withData("opening", null, {}))).toBe("ensure-ticket");
    expect(nextIncidentStep(withData("resolving", null, {}))).toBe("ensure-ticket");
    expect(nextIncidentStep(withData("resolving", 9, { configDue: true }))).toBe(
      "attach-configuration",
    );
    expect(nextIncidentStep(withData("resolving", 9, {}))).toBe("close");
    expect(
      nextIncidentStep(
        withData("open", 9, { configDue: true, note: { seq: 1, occurrences: 2, at: "" } }),
      ),
    ).toBe("attach-configuration");
    expect(
      nextIncidentStep(
        withData("open", 9, {
          reopen: { seq: 1, at: "" },
          note: { seq: 1, occurrences: 2, at: "" },
        }),
      ),
    ).toBe("reopen");
    expect(
      nextIncidentStep(withData("open", 9, { note: { seq: 1, occurrences: 2, at: "" } })),
    ).toBe("note");
    expect(nextIncidentStep(withData("open", 9, {}))).toBeUndefined();
    expect(nextIncidentStep(withData("closed", null, { configDue: true }))).toBeUndefined();
  });
});

describe("small helpers", () => {
  it("reads incident keys as technicians would: decoded, without the source id", () => {
    const key = incidentKey({ sourceId: "s-1", alertParts: ["Disk 100% full", "ws/1", "acme"] });
    expect(key).toBe("src=s-1;alert=Disk%20100%25%20full/ws%2F1/acme");
    expect(readableIncidentKey(key)).toBe("Disk 100% full / ws/1 / acme");
    expect(readableIncidentKey("src=s;fp=c0ffee")).toBe("fingerprint c0ffee");
  });

  it("detects control characters and broken surrogates", () => {
    expect(hasHostileChars("Disk 98% — ok\ttab\nline 🚀")).toBe(false);
    expect(hasHostileChars("a\u0000b")).toBe(true);
    expect(hasHostileChars("a\u001bb")).toBe(true);
    expect(hasHostileChars("a\u007fb")).toBe(true);
    expect(hasHostileChars("\ud83d")).toBe(true);
    expect(hasHostileChars("\ude80x")).toBe(true);
  });

  it("backs off 1 s doubling up to 10 minutes", () => {
    expect([1, 2, 3, 4].map(incidentRetryDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(incidentRetryDelayMs(30)).toBe(600_000);
  });
});
