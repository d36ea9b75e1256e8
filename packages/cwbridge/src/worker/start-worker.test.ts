import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startWorkerRole } from "./start-worker.js";

describe("startWorkerRole", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("opens the app the environment configures, runs until the signal aborts, then closes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwb-worker-"));
    dirs.push(dir);
    const lines: string[] = [];
    const controller = new AbortController();
    const destination = {
      write(line: string) {
        lines.push(line);
        if (line.includes('"msg":"worker running"')) controller.abort();
      },
    };
    const stats = await startWorkerRole({
      env: { CWBRIDGE_HOME: dir, CWBRIDGE_LOG_LEVEL: "info" },
      signal: controller.signal,
      concurrency: 2,
      logDestination: destination,
    });
    expect(stats).toEqual({ pending: 0, running: 0, failed: 0 });
    expect(existsSync(join(dir, "cwbridge.db"))).toBe(true);
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        "worker running",
        "stopping: waiting for running jobs",
        "worker stopped",
      ]),
    );
    expect(lines.find((l) => l.includes('"msg":"worker running"'))).toContain('"concurrency":2');
  });

  it("refuses a bad environment before opening anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwb-worker-"));
    dirs.push(dir);
    const home = join(dir, "home");
    await expect(
      startWorkerRole({
        env: { CWBRIDGE_HOME: home, CWBRIDGE_LOG_LEVEL: "loud" },
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONFIG_INVALID" });
    expect(existsSync(home)).toBe(false);
  });
});
