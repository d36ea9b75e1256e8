/**
 * `npm run worker` as a real child process (`tsx --conditions=source worker/main.ts`): it opens
 * the app the environment configures, logs `worker running` with the configured concurrency,
 * processes a queued job, and exits 0 on SIGTERM; a bad CWBRIDGE_WORKER_CONCURRENCY exits 2
 * before anything is opened.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openApp } from "../app/open-app.js";
import { loadConfig } from "../config.js";
import { ALERT_JOB_KINDS } from "../features/alerts/index.js";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

interface Child {
  /** Resolves with the first log line whose `msg` is `msg` (rejects if the process ends first). */
  line(msg: string): Promise<Record<string, unknown>>;
  readonly exited: Promise<number | null>;
  readonly stderr: () => string;
  kill(signal: NodeJS.Signals): void;
}

function startWorker(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", MAIN], {
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env },
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const lines: Record<string, unknown>[] = [];
  const waiting: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout }).on("line", (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const w of waiting.filter((w) => w.msg === line["msg"])) w.resolve(line);
  });
  return {
    line: (msg) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => l["msg"] === msg);
        if (seen !== undefined) return resolve(seen);
        waiting.push({ msg, resolve });
        void exited.then((code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
      }),
    exited,
    stderr: () => stderr,
    kill: (signal) => child.kill(signal),
  };
}

describe("worker/main.ts as a process", () => {
  const dirs: string[] = [];
  const children: Child[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("starts, logs worker running with CWBRIDGE_WORKER_CONCURRENCY, processes a job, exits 0 on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwb-worker-proc-"));
    dirs.push(dir);
    const env = { CWBRIDGE_HOME: dir, CWBRIDGE_LOG_LEVEL: "info" };
    const app = await openApp({ config: loadConfig({ env }), logDestination: { write: () => 0 } });
    try {
      // An incident job for an incident that does not exist: the handler finds nothing to do.
      await app.ctx.queue.enqueue({
        kind: ALERT_JOB_KINDS.ensureTicket,
        payload: { key: "src=none;alert=gone" },
      });
      expect(await app.ctx.queue.stats()).toMatchObject({ pending: 1 });

      const worker = startWorker({ ...env, CWBRIDGE_WORKER_CONCURRENCY: "3" });
      children.push(worker);
      const running = await worker.line("worker running");
      expect(running["concurrency"]).toBe(3);

      const deadline = Date.now() + 30_000;
      const busy = async (): Promise<boolean> => {
        const stats = await app.ctx.queue.stats();
        return stats.pending + stats.running > 0;
      };
      while ((await busy()) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await app.ctx.queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
      expect(await app.ctx.queue.listJobs()).toEqual([]);

      worker.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
      expect(await worker.line("worker stopped")).toMatchObject({
        queue: { pending: 0, running: 0, failed: 0 },
      });
      expect(worker.stderr()).toBe("");
    } finally {
      await app.close();
    }
  }, 60_000);

  it("refuses a concurrency outside 1..64 (exit 2, the variable named) before opening anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwb-worker-proc-"));
    dirs.push(dir);
    for (const bad of ["0", "65"]) {
      const worker = startWorker({
        CWBRIDGE_HOME: join(dir, "home"),
        CWBRIDGE_WORKER_CONCURRENCY: bad,
      });
      children.push(worker);
      expect(await worker.exited, bad).toBe(2);
      expect(worker.stderr(), bad).toMatch(/CWB_ERR_CONFIG_INVALID.*CWBRIDGE_WORKER_CONCURRENCY/s);
    }
  }, 60_000);
});
