import { describe, expect, it } from "vitest";
import { MAPPING_STATUSES, MAPPING_TRANSITIONS } from "./mapping-status.js";

const VALID = new Set([
  "Unsynced>Syncing",
  "Syncing>Synced",
  "Syncing>Error",
  "Synced>Syncing",
  "Error>Syncing",
]);

describe("mapping status", () => {
  it("allows exactly Unsynced → Syncing → Synced | Error, and Synced | Error → Syncing", () => {
    for (const from of MAPPING_STATUSES) {
      for (const to of MAPPING_STATUSES) {
        const allowed: readonly string[] = MAPPING_TRANSITIONS[from];
        expect(allowed.includes(to), `${from}>${to}`).toBe(VALID.has(`${from}>${to}`));
      }
    }
  });
});
