/**
 * A 50,000-row report exported to a file keeps memory bounded: pages are turned into text and
 * written as they arrive, so the heap (sampled after a forced GC while the export runs) grows
 * by far less than the export's size. Loose on purpose: a bound, not a timing.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { demoSeed, type Entity, type SeedData } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { callUseCase } from "../../core/use-case.js";
import { reportsUseCases } from "./use-cases.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const ROWS = 50_000;
const MB = 1024 * 1024;

function bigSeed(): SeedData {
  const base = demoSeed();
  const template = base.tables.tickets?.[0] as Entity;
  const tickets = Array.from({ length: ROWS }, (_, i): Entity => ({
    ...template,
    id: 1_000_000 + i,
    summary: `Generated ticket ${i}: printer on floor ${i % 40} reports a paper jam`.slice(0, 100),
    closedFlag: i % 3 === 0,
  }));
  return { ...base, tables: { ...base.tables, tickets } };
}

describe("report export memory", () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: bigSeed() });
    dir = mkdtempSync(join(tmpdir(), "cwb-report-stream-"));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports 50,000 rows page by page without holding the report", async () => {
    const file = join(dir, "service.json");
    const run = await callUseCase(t.ctx, reportsUseCases.run, {
      connection: t.connectionId,
      name: "Service",
      format: "json",
    });
    const out = createWriteStream(file);
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let chunks = 0;
    const generator = run.chunks();
    let totals = { rows: 0, pages: 0 };
    for (;;) {
      const next = await generator.next();
      if (next.done === true) {
        totals = next.value;
        break;
      }
      if (!out.write(next.value)) await once(out, "drain");
      chunks += 1;
      if (chunks % 5 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    out.end();
    await once(out, "finish");

    expect(totals).toEqual({ rows: ROWS, pages: ROWS / 1000 });
    const size = statSync(file).size;
    const bound = 8 * MB;
    expect(size).toBeGreaterThan(2 * bound); // holding the export would break the bound
    expect(peak).toBeLessThan(bound);

    let lines = 0;
    let last = "";
    for await (const line of createInterface({ input: createReadStream(file) })) {
      lines += 1;
      if (line.startsWith("{") || line.startsWith(",{")) last = line;
    }
    expect(lines).toBe(ROWS + 2); // "[", one line per row, "]"
    expect(JSON.parse(last.replace(/^,/, ""))).toMatchObject({
      SR_Service_RecID: 1_000_000 + ROWS - 1,
    });
  }, 120_000);
});
