import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../store/migrate.js";
import { openStore } from "../store/open-store.js";
import { openTestStore } from "../store/testing/test-stores.js";
import type { Job } from "./port.js";
import { createSqliteQueue } from "./sqlite-queue.js";

const CHILD = fileURLToPath(new URL("./testing/crash-worker.ts", import.meta.url));
const LEASE_MS = 1_000;

function startChild(file: string): { started: Promise<string>; kill: () => Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, file, String(LEASE_MS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const m = /started (\d+)/.exec(chunk.toString());
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`child exited early (${String(code)})`)));
  });
  const kill = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  return { started, kill };
}

describe("SqliteQueue crash safety", () => {
  it("runs a job again after its worker process is killed with SIGKILL", async () => {
    const t = await openTestStore("sqlite");
    try {
      await migrateToLatest(t.store);
      const file = t.options.kind === "sqlite" ? t.options.file : "";
      const queue = createSqliteQueue(t.store, { leaseMs: LEASE_MS });
      const id = await queue.enqueue({ kind: "a", payload: "survive", maxAttempts: 3 });

      const child = startChild(file);
      expect(await child.started).toBe(id);
      await child.kill();
      expect(await queue.getJob(id)).toMatchObject({ status: "running", attempts: 1 });

      const reopened = openStore({ kind: "sqlite", file });
      const seen: Job[] = [];
      const after = createSqliteQueue(reopened, { leaseMs: LEASE_MS });
      const worker = await after.work({
        concurrency: 1,
        pollMs: 50,
        handler: async (job) => void seen.push(job),
      });
      await after.drain({ timeoutMs: 10_000 });
      await worker.stop();
      await reopened.close();
      expect(seen.map((j) => [j.id, j.payload, j.attempts])).toEqual([[id, "survive", 2]]);
    } finally {
      await t.cleanup();
    }
  });
});
