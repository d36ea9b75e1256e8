import { describe, expect, it } from "vitest";
import {
  MAX_RESTARTS,
  nextAttempt,
  restartDelayMs,
  STABLE_AFTER_MS,
} from "./graphile-restart-policy.js";

describe("graphile restart policy", () => {
  it("backs off exponentially from 0.5 s, capped at 30 s", () => {
    expect([1, 2, 3, 4, 5].map(restartDelayMs)).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
    expect(restartDelayMs(20)).toBe(30_000);
  });

  it("counts restarts in a row, and starts again after a runner that lived long enough", () => {
    expect(nextAttempt(0, 10)).toBe(1);
    expect(nextAttempt(MAX_RESTARTS - 1, STABLE_AFTER_MS - 1)).toBe(MAX_RESTARTS);
    expect(nextAttempt(MAX_RESTARTS, STABLE_AFTER_MS)).toBe(1);
  });
});
