import { ROLE_IDS, demoSeed, type Entity, type SeedData } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  emulatorConnectionInput,
  type TestApp,
} from "../../app/testing/test-app.js";
import { callUseCase } from "../../core/use-case.js";
import { readCsv } from "../../lib/csv.js";
import { addConnection } from "../connections/index.js";
import { checkPermissions } from "../permissions/index.js";
import { reportsUseCases } from "./use-cases.js";
import type { ReportExport } from "./run-report.js";

const HOSTILE = '=HYPERLINK("http://evil.example","x")';

/** The demo seed with one hostile ticket summary, and the Limited API role without Finance reports. */
function seed(): SeedData {
  const base = demoSeed();
  const tickets = (base.tables.tickets ?? []).map((row, i): Entity =>
    i === 1 ? { ...row, summary: HOSTILE } : row,
  );
  const settings = (base.tables.securityRoleSettings ?? []).map((row): Entity =>
    row["roleId"] === ROLE_IDS.limited &&
    row["moduleName"] === "Finance" &&
    row["moduleFunctionName"] === "Reports"
      ? { ...row, inquireLevel: "None" }
      : row,
  );
  return { ...base, tables: { ...base.tables, tickets, securityRoleSettings: settings } };
}

async function text(run: ReportExport): Promise<string> {
  let out = "";
  for await (const chunk of run.chunks()) out += chunk;
  return out;
}

describe("reports", () => {
  let t: TestApp;
  let limited: string;
  beforeAll(async () => {
    t = await createTestApp({ seed: seed() });
    limited = (
      await addConnection(
        t.ctx,
        emulatorConnectionInput(t.emulator, { name: "limited", member: "limited-api" }),
      )
    ).id;
  });
  afterAll(() => t.close());

  const run = (input: Record<string, unknown>) =>
    callUseCase(t.ctx, reportsUseCases.run, { connection: t.connectionId, ...input });

  it("lists the reports the member's role may read", async () => {
    const all = await callUseCase(t.ctx, reportsUseCases.list, { connection: t.connectionId });
    expect(all.reports.map((r) => r.name)).toEqual(["Service", "Agreement", "AgreementAdditions"]);
    const some = await callUseCase(t.ctx, reportsUseCases.list, { connection: "limited" });
    expect(some).toEqual({ connectionId: limited, reports: [{ name: "Service" }] });
  });

  it("runs a report as JSON rows keyed by column, filtered by conditions, page by page", async () => {
    const tickets = t.emulator.table("tickets");
    const open = tickets.filter((row) => row["closedFlag"] !== true);
    const before = t.emulator.ledger.requests().length;
    const report = await run({
      name: "Service",
      conditions: "Closed_Flag = false",
      columns: ["SR_Service_RecID", "Summary"],
      pageSize: 2,
    });
    expect(report.columns.map((c) => c.name)).toEqual(["SR_Service_RecID", "Summary"]);
    const rows = JSON.parse(await text(report)) as unknown[];
    expect(rows).toEqual(
      open.map((row) => ({ SR_Service_RecID: row.id, Summary: row["summary"] })),
    );
    const calls = t.emulator.ledger.requests().slice(before);
    const pages = calls.filter((r) => r.path === "/system/reports/service");
    expect(pages.map((r) => r.query["page"])).toEqual(
      Array.from({ length: Math.ceil(open.length / 2) }, (_, i) => String(i + 1)),
    );
    expect(pages.every((r) => r.query["conditions"] === "Closed_Flag = false")).toBe(true);
  });

  it("exports CSV (RFC 4180) with a header, values as ConnectWise has them, formulas defused", async () => {
    const report = await run({ name: "service", format: "csv" });
    expect(report.contentType).toBe("text/csv; charset=utf-8");
    const records = [...readCsv(await text(report))];
    const header = records[0] ?? [];
    expect(header.slice(0, 2)).toEqual(["SR_Service_RecID", "Summary"]);
    const tickets = t.emulator.table("tickets");
    expect(records.slice(1).map((r) => Number(r[0]))).toEqual(tickets.map((row) => row.id));
    expect(records[2]?.[1]).toBe(`'${HOSTILE}`);
    const closed = header.indexOf("Closed_Flag");
    expect(new Set(records.slice(1).map((r) => r[closed]))).toEqual(new Set(["true", "false"]));
  });

  it("runs the Finance reports from agreements and additions", async () => {
    const report = await run({
      name: "AgreementAdditions",
      conditions: 'Company_ID = "AcmeCorp"',
      columns: ["Product_ID", "Quantity"],
    });
    const rows = JSON.parse(await text(report)) as { Product_ID: string; Quantity: number }[];
    const additions = t.emulator.table("additions");
    expect(rows).toEqual(
      additions.map((a) => ({
        Product_ID: (a["product"] as { identifier: string }).identifier,
        Quantity: a["quantity"],
      })),
    );
  });

  it("says which reports exist when the name is unknown", async () => {
    await expect(run({ name: "NoSuchReport" })).rejects.toMatchObject({
      code: "CWB_ERR_REPORTS_NOT_FOUND",
      kind: "not_found",
      message:
        "no report 'NoSuchReport' in ConnectWise (readable: Service, Agreement, AgreementAdditions)",
    });
  });

  it("refuses bad input before any request, and conditions ConnectWise refuses", async () => {
    const before = t.emulator.ledger.requests().length;
    for (const input of [
      { name: "Service", conditions: 'Summary = "unterminated' },
      { name: "" },
      { name: "../system/members" },
      { name: "Service", pageSize: 0 },
      { name: "Service", pageSize: 1001 },
      { name: "Service", format: "xml" },
      { name: "Service", columns: ["a b"] },
      { name: "Service", extra: true },
    ]) {
      await expect(run(input), JSON.stringify(input)).rejects.toMatchObject({
        code: "CWB_ERR_REPORTS_INVALID",
        kind: "invalid",
      });
    }
    expect(t.emulator.ledger.requests().length).toBe(before);
    await expect(run({ name: "Service", conditions: 'Nope = "x"' })).rejects.toMatchObject({
      code: "CWB_ERR_REPORTS_INVALID",
      message: expect.stringContaining("ConnectWise refused the report query") as string,
    });
  });

  it("the permission check's reports entry names the missing Finance → Reports right", async () => {
    expect(
      (await checkPermissions(t.ctx, t.connectionId, { features: ["reports"] })).report.ok,
    ).toBe(true);
    const { report } = await checkPermissions(t.ctx, "limited", { features: ["reports"] });
    expect(
      report.features[0]?.missing.map((m) => `${m.module} → ${m.function}:${m.right}`),
    ).toEqual(["Finance → Reports:inquire"]);
  });

  it("passes a 403 on as the permission error", async () => {
    await expect(
      callUseCase(t.ctx, reportsUseCases.run, {
        connection: "limited",
        name: "AgreementAdditions",
      }),
    ).rejects.toMatchObject({ code: "CW_PERMISSION" });
  });
});
