/**
 * `cwbridge inventory …` in-process (runCli, ConnectWise = the emulator): refresh through the
 * queue, then members and contacts as one JSON document, as CSV on stdout and into a file;
 * bad flags exit 2 and write nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCsv } from "../../lib/csv.js";
import { EXIT } from "../exit-codes.js";
import { runCli } from "../run-cli.js";
import { captureIo, type CapturedIo } from "../testing/cli-harness.js";

describe("cwbridge inventory", () => {
  let emulator: Emulator;
  let dir: string;

  beforeEach(() => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-inv-cli-"));
  });
  afterEach(async () => {
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

  async function setUp(): Promise<void> {
    const c = emulator.credentials;
    const add = await cwb(
      [
        "--json",
        "connections",
        "add",
        "--allow-on-prem",
        "--allow-insecure",
        "--private-key-stdin",
        "--name",
        "emu",
        "--site",
        c.url,
        "--company",
        c.companyId,
        "--public-key",
        c.publicKey,
        "--client-id",
        c.clientId,
      ],
      c.privateKey,
    );
    expect(add.code).toBe(0);
    expect(
      (await cwb(["--json", "sources", "add", "--name", "rmm", "--connection", "emu"])).code,
    ).toBe(0);
    writeFileSync(
      join(dir, "c.json"),
      JSON.stringify({ customers: [{ id: "org-acme", name: "Acme", identifier: "AcmeCorp" }] }),
    );
    const push = ["--json", "customers", "push", "--source", "rmm", "--file", join(dir, "c.json")];
    expect((await cwb(push)).code).toBe(0);
    const map = ["--json", "customers", "map", "--source", "rmm", "--customer", "org-acme"];
    expect((await cwb([...map, "--company", "AcmeCorp"])).code).toBe(0);
  }

  const acmeContacts = () => {
    const acme = emulator.table("companies").find((r) => r["identifier"] === "AcmeCorp");
    return emulator
      .table("contacts")
      .filter((r) => (r["company"] as { id: number }).id === acme?.["id"]);
  };

  it("refresh, then members and contacts as JSON, CSV and a file", async () => {
    await setUp();
    const refresh = await cwb(["--json", "inventory", "refresh"]);
    expect(refresh.code).toBe(0);
    const reports = (JSON.parse(refresh.io.stdout.text()) as { reports: unknown[] }).reports;
    expect(reports).toMatchObject([
      {
        outcome: "ok",
        members: { read: 5, mode: "full" },
        contacts: { read: acmeContacts().length },
      },
    ]);

    const members = await cwb(["--json", "inventory", "members"]);
    expect(members.code).toBe(0);
    const doc = JSON.parse(members.io.stdout.text()) as {
      members: { identifier: string; inactive: boolean }[];
    };
    expect(doc.members).toHaveLength(5);
    expect(doc.members.find((m) => m.identifier === "tformer")?.inactive).toBe(true);

    const csv = await cwb(["inventory", "contacts", "--company", "AcmeCorp", "--csv"]);
    expect(csv.code).toBe(0);
    const rows = [...readCsv(csv.io.stdout.text())];
    expect(rows[0]).toEqual([
      "connectionId",
      "id",
      "companyId",
      "companyIdentifier",
      "companyName",
      "firstName",
      "lastName",
      "title",
      "email",
      "phone",
      "inactive",
      "deleted",
      "lastUpdated",
    ]);
    expect(rows).toHaveLength(acmeContacts().length + 1);
    expect(rows.slice(1).every((r) => r[3] === "AcmeCorp" && r[8]?.includes("@"))).toBe(true);

    const file = join(dir, "contacts.json");
    const written = await cwb(["--json", "inventory", "contacts", "--output", file]);
    expect(JSON.parse(written.io.stdout.text())).toEqual({
      file,
      format: "json",
      contacts: acmeContacts().length,
    });
    const exported = JSON.parse(readFileSync(file, "utf8")) as { contacts: unknown[] };
    expect(exported.contacts).toHaveLength(acmeContacts().length);

    const human = await cwb(["inventory", "members"]);
    expect(human.io.stdout.text()).toMatch(/tformer.*yes/);

    const none = await cwb(["--json", "inventory", "contacts", "--company", "NoSuchCo"]);
    expect(JSON.parse(none.io.stdout.text())).toEqual({ contacts: [] });
  });

  it("bad flags exit 2 and write nothing", async () => {
    await setUp();
    const both = await cwb(["--json", "inventory", "members", "--csv"]);
    expect(both.code).toBe(EXIT.usage);
    const file = join(dir, "x.csv");
    const hostile = await cwb([
      "--json",
      "inventory",
      "contacts",
      "--company",
      "a\u0001b",
      "--output",
      file,
    ]);
    expect(hostile.code).toBe(EXIT.usage);
    expect(JSON.parse(hostile.io.stdout.text())).toMatchObject({
      error: { code: "CWB_ERR_INVENTORY_INVALID" },
    });
    expect(existsSync(file)).toBe(false);
    const unknown = await cwb(["--json", "inventory", "refresh", "--connection", "nope"]);
    expect(unknown.code).toBe(EXIT.notFound);
  });
});
