/**
 * `connections alerts` through the CLI (`runCli`, ConnectWise = the emulator's in-process
 * fetch): shows the settings, changes only the given fields, `--verify` refuses a board that
 * does not exist (exit 4) and a type without a board (exit 2), bad values exit 2; nothing is
 * stored on error.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  readStoredAlertSettings,
  writeAlertSettings,
  type AlertSettingsInput,
} from "../../features/alerts/index.js";
import { EXIT } from "../exit-codes.js";
import { runCli } from "../run-cli.js";
import { createSession } from "../session.js";
import { addEmulatorConnectionArgs, captureIo, oneDocument } from "../testing/cli-harness.js";

describe("cwbridge connections alerts", () => {
  let emulator: Emulator;
  let dir: string;

  beforeEach(async () => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-alerts-"));
    const add = await cwb(addEmulatorConnectionArgs("emu", emulator.credentials));
    expect(add.code).toBe(0);
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cwb(
    ...parts: (readonly string[])[]
  ): Promise<{ code: number; doc: Record<string, unknown> }> {
    const io = captureIo({
      env: { CWBRIDGE_HOME: join(dir, "home") },
      stdin: emulator.credentials.privateKey,
    });
    const code = await runCli(["--json", ...parts.flat()], io, { fetch: emulator.fetch });
    return { code, doc: oneDocument(io.stdout.text()) as Record<string, unknown> };
  }

  it("shows the effective defaults where nothing is set (Medium / Medium), and names flags in errors", async () => {
    const human = async (args: readonly string[]): Promise<{ code: number; text: string }> => {
      const io = captureIo({ env: { CWBRIDGE_HOME: join(dir, "home") } });
      const code = await runCli(args, io, { fetch: emulator.fetch });
      return { code, text: io.stdout.text() + io.stderr.text() };
    };
    const shown = await human(["connections", "alerts", "emu"]);
    expect(shown.code).toBe(0);
    expect(shown.text).toMatch(/severity \/ impact\s+Medium \/ Medium \(default\)/);
    expect(shown.text).not.toMatch(/severity \/ impact\s+- \/ -/);
    const high = await human(["connections", "alerts", "emu", "--severity", "High"]);
    expect(high.text).toMatch(/severity \/ impact\s+High \/ Medium \(default\)/);
    const bad = await human(["connections", "alerts", "emu", "--impact", "Huge"]);
    expect(bad.code).toBe(EXIT.usage);
    const message = bad.text.split("\n")[0] ?? "";
    expect(message).toContain("--impact");
    expect(message).not.toContain("defaults.impact");
  });

  it("sets the default target (verified), changes only what is given, refuses bad input", async () => {
    const shown = await cwb(["connections", "alerts", "emu"]);
    expect(shown).toMatchObject({
      code: 0,
      doc: { connection: "emu", alerts: { attachConfiguration: true } },
    });
    expect((shown.doc["alerts"] as { defaults?: unknown }).defaults).toBeUndefined();

    const set = await cwb([
      "connections",
      "alerts",
      "emu",
      "--board",
      "Service Desk",
      "--severity",
      "High",
      "--verify",
    ]);
    expect(set).toMatchObject({
      code: 0,
      doc: { alerts: { defaults: { boardName: "Service Desk", severity: "High" } } },
    });
    const more = await cwb(["connections", "alerts", "emu", "--close-status", "Closed (resolved)"]);
    expect(more.doc).toMatchObject({
      alerts: {
        defaults: { boardName: "Service Desk", severity: "High" },
        closeStatusName: "Closed (resolved)",
      },
    });
    const before = (await cwb(["connections", "alerts", "emu"])).doc;

    const unknownBoard = await cwb([
      "connections",
      "alerts",
      "emu",
      "--board",
      "No Such Board",
      "--verify",
    ]);
    expect(unknownBoard).toMatchObject({
      code: EXIT.notFound,
      doc: { error: { code: "CWB_ERR_ALERT_ROUTE_UNRESOLVED" } },
    });
    const badLevel = await cwb(["connections", "alerts", "emu", "--impact", "Extreme"]);
    expect(badLevel).toMatchObject({
      code: EXIT.usage,
      doc: {
        error: { code: "CWB_ERR_CLI_USAGE", details: { issues: [{ field: "defaults.impact" }] } },
      },
    });
    expect((await cwb(["connections", "alerts", "emu"])).doc).toEqual(before);
    expect((await cwb(["connections", "alerts", "nope"])).code).toBe(EXIT.notFound);
  });

  /** Runs `fn` with the engine of a session on the same data directory (closed after). */
  async function withEngineOf<T>(
    fn: (
      ctx: Awaited<ReturnType<ReturnType<typeof createSession>["engine"]>>["ctx"],
      connectionId: string,
    ) => Promise<T>,
  ): Promise<T> {
    const session = createSession({
      io: captureIo(),
      globals: { dataDir: join(dir, "home"), json: true },
      fetch: emulator.fetch,
    });
    try {
      const { ctx } = await session.engine();
      const row = await ctx.store.db
        .selectFrom("connections")
        .select("id")
        .where("name", "=", "emu")
        .executeTakeFirstOrThrow();
      return await fn(ctx, row.id);
    } finally {
      await session.close();
    }
  }

  const stored = (): Promise<AlertSettingsInput> =>
    withEngineOf((ctx, id) => readStoredAlertSettings(ctx.scope.db, id));

  it("stores only the given fields; defaults are resolved when read", async () => {
    const set = await cwb(["connections", "alerts", "emu", "--close-status", "Resolved"]);
    expect(set).toMatchObject({
      code: 0,
      doc: {
        alerts: {
          closeStatusName: "Resolved",
          noteIntervalMs: 15 * 60_000,
          attachConfiguration: true,
        },
      },
    });
    expect(await stored()).toEqual({ closeStatusName: "Resolved" });
    await cwb(["connections", "alerts", "emu", "--board", "Service Desk", "--severity", "High"]);
    expect(await stored()).toEqual({
      closeStatusName: "Resolved",
      defaults: { boardName: "Service Desk", severity: "High" },
    });
    expect((await cwb(["connections", "alerts", "emu"])).doc).toMatchObject({
      alerts: {
        closeStatusName: "Resolved",
        defaults: { boardName: "Service Desk", severity: "High" },
        noteIntervalMs: 15 * 60_000,
        reopenWindowMs: 24 * 3_600_000,
        settleWindowMs: 15 * 60_000,
        attachConfiguration: true,
      },
    });
  });

  it("reads a row an older version stored with defaults filled in, and drops them on the next change", async () => {
    // What earlier versions of the command wrote: every default filled in. One value differs
    // from the code default, so it was set on purpose and must stay.
    await withEngineOf((ctx, id) =>
      writeAlertSettings(ctx, id, {
        defaults: { boardName: "Service Desk" },
        noteIntervalMs: 15 * 60_000,
        reopenWindowMs: 3_600_000,
        settleWindowMs: 15 * 60_000,
        attachConfiguration: true,
      }),
    );
    const shown = await cwb(["connections", "alerts", "emu"]);
    expect(shown).toMatchObject({
      code: 0,
      doc: {
        alerts: {
          defaults: { boardName: "Service Desk" },
          noteIntervalMs: 15 * 60_000,
          reopenWindowMs: 3_600_000,
          attachConfiguration: true,
        },
      },
    });
    const changed = await cwb(["connections", "alerts", "emu", "--priority", "Priority 2 - High"]);
    expect(changed.code).toBe(0);
    expect(await stored()).toEqual({
      defaults: { boardName: "Service Desk", priorityName: "Priority 2 - High" },
      reopenWindowMs: 3_600_000,
    });
    const { alerts } = (await cwb(["connections", "alerts", "emu"])).doc;
    expect(alerts).toEqual({
      ...(shown.doc["alerts"] as object),
      defaults: { boardName: "Service Desk", priorityName: "Priority 2 - High" },
    });
  });

  it("--verify refuses a type without a board as a configuration mistake (exit 2), stores nothing", async () => {
    const before = (await cwb(["connections", "alerts", "emu"])).doc;
    emulator.ledger.clear();
    const typeOnly = await cwb(["connections", "alerts", "emu", "--type", "Incident", "--verify"]);
    expect(typeOnly).toMatchObject({
      code: EXIT.usage,
      doc: { error: { code: "CWB_ERR_ALERT_ROUTE_INVALID" } },
    });
    expect(emulator.ledger.requests().filter((r) => r.path.startsWith("/service/"))).toEqual([]);
    expect((await cwb(["connections", "alerts", "emu"])).doc).toEqual(before);
  });

  it("refuses a default type, subtype or item without a board when stored without --verify (exit 2), stores nothing", async () => {
    // Stored, it would be a value every later `--verify` refuses (and that routing never uses).
    for (const flag of ["--type", "--subtype", "--item"]) {
      const refused = await cwb(["connections", "alerts", "emu", flag, "Incident"]);
      expect(refused).toMatchObject({
        code: EXIT.usage,
        doc: { error: { code: "CWB_ERR_ALERT_ROUTE_INVALID" } },
      });
      expect(await stored()).toEqual({});
    }
    const later = await cwb(["connections", "alerts", "emu", "--priority", "Priority 2 - High"]);
    expect(later.code).toBe(0);
    const verified = await cwb(["connections", "alerts", "emu", "--severity", "High", "--verify"]);
    expect(verified.code).toBe(0);
    const withBoard = await cwb(
      ["connections", "alerts", "emu", "--board", "Service Desk", "--type", "Incident"],
      ["--verify"],
    );
    expect(withBoard.code).toBe(0);
    expect(await stored()).toEqual({
      defaults: {
        boardName: "Service Desk",
        typeName: "Incident",
        priorityName: "Priority 2 - High",
        severity: "High",
      },
    });
  });
});
