import { describe, expect, it } from "vitest";
import { nextStamp } from "./monotonic-stamp.js";

describe("nextStamp", () => {
  const now = "2026-01-01T00:00:00.000Z";

  it("is now when there is no previous stamp or it is earlier", () => {
    expect(nextStamp(null, now)).toBe(now);
    expect(nextStamp(undefined, now)).toBe(now);
    expect(nextStamp("2025-12-31T23:59:59.999Z", now)).toBe(now);
  });

  it("is 1 ms after a previous stamp that is not earlier than now", () => {
    expect(nextStamp(now, now)).toBe("2026-01-01T00:00:00.001Z");
    expect(nextStamp("2026-01-01T00:00:05.000Z", now)).toBe("2026-01-01T00:00:05.001Z");
  });
});
