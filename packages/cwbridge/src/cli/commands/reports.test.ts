/**
 * `cwbridge reports list|run` through the real program (runCli, in-process emulator): JSON and
 * CSV on stdout, `--output` files, and the errors with their exit codes.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../lib/csv.js";
import { runCli } from "../run-cli.js";
import { addEmulatorConnectionArgs, captureIo, type CapturedIo } from "../testing/cli-harness.js";

describe("cwbridge reports", () => {
  let emulator: Emulator;
  let dir: string;

  beforeAll(async () => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-reports-"));
    const added = await cwb(
      addEmulatorConnectionArgs("emu", emulator.credentials),
      emulator.credentials.privateKey,
    );
    expect(added.code).toBe(0);
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cwb(
    args: readonly string[],
    stdin?: string,
  ): Promise<{ code: number; io: CapturedIo }> {
    const io = captureIo({
      env: { CWBRIDGE_HOME: join(dir, "home") },
      ...(stdin === undefined ? {} : { stdin }),
    });
    const code = await runCli(args, io, { fetch: emulator.fetch });
    return { code, io };
  }

  it("lists the readable reports (--json and for humans)", async () => {
    const json = await cwb(["--json", "reports", "list"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.io.stdout.text())).toEqual({
      connection: "emu",
      reports: [{ name: "Service" }, { name: "Agreement" }, { name: "AgreementAdditions" }],
    });
    const human = await cwb(["reports", "list"]);
    expect(human.io.stdout.text()).toBe("Service\nAgreement\nAgreementAdditions\n");
  });

  it("run --json prints the report as one JSON document", async () => {
    const { code, io } = await cwb([
      "--json",
      "reports",
      "run",
      "Service",
      "--conditions",
      "Closed_Flag = false",
      "--columns",
      "SR_Service_RecID,Summary",
      "--page-size",
      "2",
    ]);
    expect(code).toBe(0);
    const open = emulator.table("tickets").filter((t) => t["closedFlag"] !== true);
    expect(JSON.parse(io.stdout.text())).toEqual(
      open.map((t) => ({ SR_Service_RecID: t.id, Summary: t["summary"] })),
    );
  });

  it("run --format csv writes CSV on stdout; --output writes a file and prints a summary", async () => {
    const stdout = await cwb(["reports", "run", "AgreementAdditions", "--format", "csv"]);
    expect(stdout.code).toBe(0);
    const records = [...readCsv(stdout.io.stdout.text())];
    expect(records[0]).toContain("Quantity");
    expect(records).toHaveLength(1 + emulator.table("additions").length);

    const file = join(dir, "service.csv");
    const written = await cwb(["--json", "reports", "run", "Service", "--output", file]);
    expect(written.code).toBe(0);
    const tickets = emulator.table("tickets");
    expect(JSON.parse(written.io.stdout.text())).toEqual({
      report: "Service",
      connection: "emu",
      format: "csv",
      output: file,
      rows: tickets.length,
      pages: 1,
    });
    const rows = [...readCsv(readFileSync(file, "utf8"))];
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(tickets.map((t) => t.id));
  });

  it("fails with a clear error and exit code, and writes no file", async () => {
    const file = join(dir, "nope.json");
    const unknown = await cwb(["--json", "reports", "run", "Nope", "--output", file]);
    expect(unknown.code).toBe(4);
    expect(JSON.parse(unknown.io.stdout.text())).toMatchObject({
      error: {
        code: "CWB_ERR_REPORTS_NOT_FOUND",
        message: expect.stringContaining("readable: Service"),
      },
    });
    const bad = await cwb([
      "--json",
      "reports",
      "run",
      "Service",
      "--conditions",
      "Summary =",
      "--output",
      file,
    ]);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.io.stdout.text())).toMatchObject({
      error: { code: "CWB_ERR_REPORTS_INVALID" },
    });
    const csvJson = await cwb(["--json", "reports", "run", "Service", "--format", "csv"]);
    expect(csvJson.code).toBe(2);
    expect(JSON.parse(csvJson.io.stdout.text())).toMatchObject({
      error: { code: "CWB_ERR_CLI_USAGE" },
    });
    const pageSize = await cwb(["reports", "run", "Service", "--page-size", "x"]);
    expect(pageSize.code).toBe(2);
    expect(pageSize.io.stderr.text()).toContain("--page-size must be an integer 1..1000");
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes("partial"))).toEqual([]);
  });
});
