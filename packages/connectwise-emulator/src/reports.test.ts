import { createConnectWise } from "@cwbridge/connectwise";
import { describe, expect, it } from "vitest";
import { createEmulator } from "./create-emulator.js";
import { DEMO_KEYS, ROLE_IDS, demoSeed } from "./seeds/index.js";
import type { Emulator, Entity, SeedData } from "./types.js";

type KeyName = keyof typeof DEMO_KEYS;

async function get(
  emulator: Emulator,
  path: string,
  key: KeyName = "cwbridge",
): Promise<{ status: number; body: unknown; link: string | null }> {
  const { companyId, clientId, codebase } = emulator.credentials;
  const { publicKey, privateKey } = DEMO_KEYS[key];
  const auth = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString("base64");
  const response = await emulator.fetch(`http://cw.emulator/${codebase}apis/3.0${path}`, {
    headers: { authorization: `Basic ${auth}`, clientId },
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : JSON.parse(text),
    link: response.headers.get("link"),
  };
}

interface ReportBody {
  column_definitions: Record<
    string,
    { type: string; isNullable: boolean; identityColumn: boolean }
  >[];
  row_values: unknown[][];
}

const names = (body: ReportBody): string[] =>
  body.column_definitions.map((d) => Object.keys(d)[0] ?? "");

/** The demo seed where the Limited API role may not read Finance reports (nor, for `api`, any). */
function seedWithout(fn: "Finance Reports" | "API Reports"): SeedData {
  const seed = demoSeed();
  const [moduleName, moduleFunctionName] =
    fn === "Finance Reports" ? ["Finance", "Reports"] : ["System", "API Reports"];
  const settings = (seed.tables.securityRoleSettings ?? []).map((row): Entity =>
    row["roleId"] === ROLE_IDS.limited &&
    row["moduleName"] === moduleName &&
    row["moduleFunctionName"] === moduleFunctionName
      ? { ...row, inquireLevel: "None", addLevel: "None", editLevel: "None" }
      : row,
  );
  return { ...seed, tables: { ...seed.tables, securityRoleSettings: settings } };
}

describe("/system/reports", () => {
  it("lists the reports the member's role may read", async () => {
    const emulator = createEmulator();
    const all = await get(emulator, "/system/reports");
    expect(all.status).toBe(200);
    expect(all.body).toEqual([
      { name: "Service" },
      { name: "Agreement" },
      { name: "AgreementAdditions" },
    ]);
    const limited = createEmulator({ seed: seedWithout("Finance Reports") });
    expect((await get(limited, "/system/reports", "limited")).body).toEqual([{ name: "Service" }]);
    expect((await get(limited, "/system/reports/AgreementAdditions", "limited")).status).toBe(403);
    const noApi = createEmulator({ seed: seedWithout("API Reports") });
    const denied = await get(noApi, "/system/reports", "limited");
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: "Security" });
  });

  it("returns ConnectWise's column definitions and row values built from the tickets", async () => {
    const emulator = createEmulator();
    const { status, body } = await get(emulator, "/system/reports/service");
    expect(status).toBe(200);
    const report = body as ReportBody;
    expect(report.column_definitions[0]).toEqual({
      SR_Service_RecID: { type: "Numeric", isNullable: false, identityColumn: true },
    });
    expect(names(report)).toContain("Company_Name");
    const tickets = emulator.table("tickets");
    expect(report.row_values.map((row) => row[0])).toEqual(tickets.map((t) => t.id));
    const summary = names(report).indexOf("Summary");
    expect(report.row_values.map((row) => row[summary])).toEqual(tickets.map((t) => t["summary"]));
  });

  it("filters by conditions over the columns, narrows columns, pages with a Link header", async () => {
    const emulator = createEmulator();
    const acme = emulator.table("tickets").filter((t) => {
      const company = t["company"] as { identifier?: string };
      return company.identifier === "AcmeCorp";
    });
    expect(acme.length).toBeGreaterThan(1);
    const conditions = encodeURIComponent('Company_ID = "AcmeCorp" and Closed_Flag = false');
    const open = acme.filter((t) => t["closedFlag"] !== true);
    const filtered = await get(
      emulator,
      `/system/reports/Service?conditions=${conditions}&columns=SR_Service_RecID,Summary`,
    );
    const body = filtered.body as ReportBody;
    expect(names(body)).toEqual(["SR_Service_RecID", "Summary"]);
    expect(body.row_values).toEqual(open.map((t) => [t.id, t["summary"]]));
    const count = await get(emulator, `/system/reports/Service/count?conditions=${conditions}`);
    expect(count.body).toEqual({ count: open.length });

    const page1 = await get(emulator, "/system/reports/Service?pageSize=1&page=1");
    const page2 = await get(emulator, "/system/reports/Service?pageSize=1&page=2");
    expect((page1.body as ReportBody).row_values).toHaveLength(1);
    expect((page2.body as ReportBody).row_values[0]?.[0]).toBe(emulator.table("tickets")[1]?.id);
    expect(page1.link).toContain('rel="next"');
  });

  it("serves /columns, and the Finance reports from agreements and additions", async () => {
    const emulator = createEmulator();
    const columns = await get(emulator, "/system/reports/AgreementAdditions/columns");
    expect(columns.status).toBe(200);
    expect((columns.body as ReportBody["column_definitions"])[0]).toEqual({
      AGR_Addition_RecID: { type: "Numeric", isNullable: false, identityColumn: true },
    });
    const additions = await get(
      emulator,
      `/system/reports/AgreementAdditions?conditions=${encodeURIComponent('Product_ID = "MANAGED-WS"')}`,
    );
    const body = additions.body as ReportBody;
    const quantity = names(body).indexOf("Quantity");
    const company = names(body).indexOf("Company_ID");
    expect(body.row_values).toHaveLength(1);
    expect(body.row_values[0]?.[quantity]).toBe(25);
    expect(body.row_values[0]?.[company]).toBe("AcmeCorp");
  });

  it("answers 404 for an unknown report, 400 for bad conditions or columns, 405 for writes", async () => {
    const emulator = createEmulator();
    const unknown = await get(emulator, "/system/reports/NoSuchReport");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: "NotFound" });
    const bad = await get(
      emulator,
      `/system/reports/Service?conditions=${encodeURIComponent("Summary = ")}`,
    );
    expect(bad.status).toBe(400);
    const unknownField = await get(
      emulator,
      `/system/reports/Service?conditions=${encodeURIComponent('nope = "x"')}`,
    );
    expect(unknownField.status).toBe(400);
    expect((await get(emulator, "/system/reports/Service?columns=Nope")).status).toBe(400);
    const { companyId, clientId, codebase } = emulator.credentials;
    const { publicKey, privateKey } = DEMO_KEYS.cwbridge;
    const auth = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString("base64");
    const post = await emulator.fetch(`http://cw.emulator/${codebase}apis/3.0/system/reports`, {
      method: "POST",
      headers: { authorization: `Basic ${auth}`, clientId, "content-type": "application/json" },
      body: "{}",
    });
    expect(post.status).toBe(405);
    expect(emulator.ledger.changes()).toEqual([]);
  });
});

describe("/system/reports through the client", () => {
  it("pages a report with system.reports.pages and counts it", async () => {
    const emulator = createEmulator();
    const { url, companyId, publicKey, privateKey, clientId } = emulator.credentials;
    const cw = createConnectWise({
      site: url,
      allowInsecure: true,
      companyId,
      publicKey,
      privateKey,
      clientId,
      fetch: emulator.fetch,
      retry: false,
    });
    const ids: unknown[] = [];
    for await (const page of cw.system.reports.pages("Service", { pageSize: 1 })) {
      expect(page.columns[0]?.name).toBe("SR_Service_RecID");
      ids.push(...page.rows.map((row) => row[0]));
    }
    const tickets = emulator.table("tickets");
    expect(ids).toEqual(tickets.map((t) => t.id));
    expect(await cw.system.reports.count("Service")).toBe(tickets.length);
    expect((await cw.system.reports.columns("Agreement")).map((c) => c.name)).toContain("AGR_Name");
    await expect(cw.system.reports.page("Nope")).rejects.toMatchObject({ code: "CW_NOT_FOUND" });
  });
});
