import { describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import { MAPPING_STATUSES, assertMappingTransition, transition } from "./mapping-status.js";

const VALID = new Set([
  "Unsynced>Syncing",
  "Syncing>Synced",
  "Syncing>Error",
  "Synced>Syncing",
  "Error>Syncing",
]);

describe("mapping status", () => {
  it("accepts exactly the table's transitions", () => {
    for (const from of MAPPING_STATUSES) {
      for (const to of MAPPING_STATUSES) {
        const result = transition(from, to);
        expect(result.ok, `${from}>${to}`).toBe(VALID.has(`${from}>${to}`));
        if (!result.ok)
          expect(result.error).toEqual({ code: "CWB_ERR_MAPPING_TRANSITION", from, to });
      }
    }
  });

  it("assertMappingTransition throws a typed error", () => {
    expect(assertMappingTransition("Error", "Syncing")).toBe("Syncing");
    expect(() => assertMappingTransition("Unsynced", "Synced")).toThrow(DomainError);
  });
});
