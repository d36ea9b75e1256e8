import { describe, expect, it } from "vitest";
import { latencyLabel, outcomeLabel } from "./event-outcome.js";

describe("event outcome cells", () => {
  it("say when a request is in flight or was in flight when its engine stopped", () => {
    expect(outcomeLabel({ outcome: "sending", errorCode: null })).toBe("sending (in flight)");
    expect(outcomeLabel({ outcome: "outcome_unknown", errorCode: "CWB_ERR_ENGINE_STOPPED" })).toBe(
      "outcome_unknown (in flight when the engine stopped)",
    );
    expect(outcomeLabel({ outcome: "outcome_unknown", errorCode: "CW_OUTCOME_UNKNOWN" })).toBe(
      "outcome_unknown",
    );
    expect(outcomeLabel({ outcome: "ok", errorCode: null })).toBe("ok");
  });

  it("show no latency for a request that has not completed", () => {
    expect(latencyLabel({ outcome: "sending", latencyMs: 0, errorCode: null })).toBe("-");
    const stopped = {
      outcome: "outcome_unknown",
      latencyMs: 0,
      errorCode: "CWB_ERR_ENGINE_STOPPED",
    } as const;
    expect(latencyLabel(stopped)).toBe("-");
    expect(latencyLabel({ outcome: "retry", latencyMs: 12, errorCode: "CW_SERVER" })).toBe("12");
  });
});
