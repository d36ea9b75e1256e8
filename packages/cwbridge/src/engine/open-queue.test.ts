import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { isoIn } from "../store/now.js";
import { openTestStore, type TestStore } from "../store/testing/test-stores.js";
import { createEngine, type Engine } from "./create-engine.js";

// A job left `running` by a worker that was SIGKILLed comes back once its lease expires; the
// engine's `queue.leaseMs` knob makes that fast for crash drills (production default: 60 s).
describe("createEngine queue tuning", () => {
  let engine: Engine | undefined;
  let store: TestStore | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await engine?.close();
    await store?.cleanup();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it("reclaims a dead worker's running job after the configured lease", async () => {
    store = await openTestStore("sqlite");
    dataDir = mkdtempSync(join(tmpdir(), "cwb-lease-"));
    const db = store.options.kind === "sqlite" ? store.options.file : "";
    const seen: string[] = [];
    engine = await createEngine({
      config: loadConfig({
        env: { CWBRIDGE_HOME: dataDir, DATABASE_URL: `sqlite:${db}`, CWBRIDGE_LOG_LEVEL: "silent" },
      }),
      maintenance: false,
      queue: { leaseMs: 300 },
      handlers: { orphan: async (_ctx, job) => void seen.push(job.id) },
    });
    const id = await engine.ctx.queue.enqueue({ kind: "orphan", payload: {} });
    await engine.ctx.store.db
      .updateTable("jobs")
      .set({ state: "running", locked_by: "dead-worker", locked_at: isoIn(-1_000), attempts: 1 })
      .where("id", "=", Number(id))
      .execute();
    await engine.start({ concurrency: 1, pollMs: 20 });
    await engine.ctx.queue.drain({ timeoutMs: 5_000 });
    expect(seen).toEqual([id]);
  });
});
