import { describe, expect, it } from "vitest";
import { createEmulator } from "./create-emulator.js";
import { demoSeed } from "./seeds/index.js";

// A regression guard, not the benchmark: bounds are loose because CI machines are shared.
describe("in-process performance", () => {
  it("filters 100,000 configurations and returns a 1,000-row page quickly", async () => {
    const emulator = createEmulator({ seed: demoSeed({ configurations: 100_000 }) });
    const { companyId, publicKey, privateKey, clientId, codebase } = emulator.credentials;
    const headers = {
      authorization: `Basic ${btoa(`${companyId}+${publicKey}:${privateKey}`)}`,
      clientId,
    };
    const url = `http://cw.emulator/${codebase}apis/3.0/company/configurations?pageSize=1000&conditions=${encodeURIComponent("activeFlag = true")}`;
    const timings: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const response = await emulator.fetch(url, { headers });
      const rows = (await response.json()) as unknown[];
      timings.push(performance.now() - started);
      expect(rows).toHaveLength(1000);
    }
    expect(Math.min(...timings)).toBeLessThan(250);
  });
});
