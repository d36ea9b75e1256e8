import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff.js";
import { QueueError } from "./errors.js";
import { validateJob } from "./validate-job.js";

describe("validateJob", () => {
  it("serialises the payload (undefined becomes null)", () => {
    expect(validateJob({ kind: "a", payload: { x: [1, "y"] } })).toBe('{"x":[1,"y"]}');
    expect(validateJob({ kind: "a", payload: undefined })).toBe("null");
  });

  it.each([
    [{ kind: "", payload: 1 }, "kind"],
    [{ kind: "a", payload: 1, maxAttempts: 0 }, "maxAttempts"],
    [{ kind: "a", payload: 1, maxAttempts: 1.5 }, "maxAttempts"],
    [{ kind: "a", payload: 1, priority: 40_000 }, "priority"],
    [{ kind: "a", payload: 1, runAt: new Date("nope") }, "runAt"],
    [{ kind: "a", payload: { n: 1n } }, "payload"],
    [{ kind: "a", payload: () => 1 }, "payload"],
  ])("rejects %o with a typed error", (job, field) => {
    const err = (() => {
      try {
        validateJob(job);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(QueueError);
    expect((err as QueueError).code).toBe("CWB_ERR_QUEUE_INVALID_JOB");
    expect((err as QueueError).message).toContain(field);
  });
});

describe("retryDelayMs", () => {
  it("doubles from base and caps at max", () => {
    const o = { baseMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4, 50].map((n) => retryDelayMs(n, o))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});
