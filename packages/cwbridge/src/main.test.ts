/**
 * `npm start` (main.ts --once) on a fresh data dir runs the demo and exits 0 with the summary;
 * a second run on the same data dir reuses everything and writes nothing new.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnCli, spawnMain } from "./cli/testing/cli-harness.js";

describe("main.ts --once (demo)", () => {
  const dir = mkdtempSync(join(tmpdir(), "cwb-main-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs the demo, then re-runs idempotently", async () => {
    const first = await spawnMain(["--once", "--data-dir", dir], { timeoutMs: 120_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /10 customers pushed → 8 matched to ConnectWise companies, 1 to review, 1 unmatched/,
    );
    expect(first.stdout).toMatch(
      /sync → 21 configurations created, 5 existing ones adopted \(matched by serial number\), 0 updated/,
    );
    expect(first.stdout).toMatch(/ticket #\d+ opened on 'Monitoring Alerts'/);
    expect(first.stdout).toMatch(/alert resolved → ticket #\d+ closed/);
    expect(first.stdout).toContain("cwbridge connections add --name acme --site na");

    // The demo's emulator is gone now: its connection is parked (disabled), so doctor passes.
    const doctor = await spawnCli(["--data-dir", dir, "doctor", "--json"], { timeoutMs: 60_000 });
    expect(doctor.code, doctor.stdout + doctor.stderr).toBe(0);
    const checks = (JSON.parse(doctor.stdout) as { checks: { name: string; ok: boolean }[] })
      .checks;
    expect(checks.find((c) => c.name === "connection:demo-emulator")).toMatchObject({ ok: true });
    const listed = await spawnCli(["--data-dir", dir, "connections", "list", "--json"], {
      timeoutMs: 60_000,
    });
    expect(JSON.parse(listed.stdout)).toMatchObject({
      connections: [{ name: "demo-emulator", enabled: false }],
    });

    const second = await spawnMain(["--once", "--data-dir", dir], { timeoutMs: 120_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("state of the last run restored");
    expect(second.stdout).toContain("connection 'demo-emulator' reused");
    expect(second.stdout).toContain("30 devices pushed (0 new or changed, 30 unchanged)");
    expect(second.stdout).toMatch(
      /sync → 0 configurations created, 0 existing ones adopted \(matched by serial number\), 0 updated/,
    );
    expect(second.stdout).toMatch(/alert resolved → ticket #\d+ closed/);
  }, 240_000);
});
