/**
 * The CLI in-process (`runCli` with captured IO, ConnectWise = the emulator's in-process
 * fetch): bad input exits 2 with a clear message and stores nothing; typed errors map to the
 * documented exit codes; `--json` prints exactly one document, errors included.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./run-cli.js";
import { captureIo, oneDocument, type CapturedIo } from "./testing/cli-harness.js";

interface Run {
  readonly code: number;
  readonly io: CapturedIo;
  readonly doc: Record<string, unknown>;
}

describe("runCli", () => {
  let emulator: Emulator;
  let dir: string;

  beforeEach(() => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-cli-"));
  });
  afterEach(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cwb(args: readonly string[], stdin?: string): Promise<Run> {
    const io = captureIo({
      env: { CWBRIDGE_HOME: join(dir, "home") },
      ...(stdin === undefined ? {} : { stdin }),
    });
    const code = await runCli(["--json", ...args], io, { fetch: emulator.fetch });
    return { code, io, doc: oneDocument(io.stdout.text()) as Record<string, unknown> };
  }

  function addArgs(overrides: Record<string, string | null> = {}): string[] {
    const c = emulator.credentials;
    const flags: Record<string, string | null> = {
      "--name": "emu",
      "--site": c.url,
      "--company": c.companyId,
      "--public-key": c.publicKey,
      "--client-id": c.clientId,
      ...overrides,
    };
    const args = [
      "connections",
      "add",
      "--allow-on-prem",
      "--allow-insecure",
      "--private-key-stdin",
    ];
    for (const [flag, value] of Object.entries(flags)) if (value !== null) args.push(flag, value);
    return args;
  }

  async function setUp(): Promise<void> {
    expect((await cwb(addArgs(), emulator.credentials.privateKey)).code).toBe(0);
    expect((await cwb(["sources", "add", "--name", "rmm"])).code).toBe(0);
    writeFileSync(
      join(dir, "c.json"),
      JSON.stringify({ customers: [{ id: "org-acme", name: "Acme", identifier: "AcmeCorp" }] }),
    );
    expect(
      (await cwb(["customers", "push", "--source", "rmm", "--file", join(dir, "c.json")])).code,
    ).toBe(0);
  }

  it("a missing required flag exits 2 with one JSON error document and stores nothing", async () => {
    const run = await cwb(addArgs({ "--client-id": null }), "key");
    expect(run.code).toBe(EXIT.usage);
    expect(run.doc).toEqual({
      error: {
        code: "CWB_ERR_CLI_USAGE",
        kind: "invalid",
        message: expect.stringContaining("--client-id"),
      },
    });
    expect((await cwb(["connections", "list"])).doc).toEqual({ connections: [] });
  });

  it("the private key given twice, or not at all, exits 2", async () => {
    const twice = await cwb([...addArgs(), "--private-key", "x"], "y");
    expect(twice.code).toBe(EXIT.usage);
    expect(twice.doc).toMatchObject({
      error: { message: expect.stringContaining("exactly once") },
    });
    const empty = await cwb(addArgs(), "");
    expect(empty.code).toBe(EXIT.usage);
    expect((await cwb(["connections", "list"])).doc).toEqual({ connections: [] });
  });

  it("invalid connection fields exit 2 listing every field, nothing stored, no secret echoed", async () => {
    const run = await cwb(
      addArgs({ "--site": "ftp://x", "--company": "a b" }),
      "s3cret-private-key-value",
    );
    expect(run.code).toBe(EXIT.usage);
    const error = run.doc["error"] as { code: string; details: { issues: { field: string }[] } };
    expect(error.code).toBe("CWB_ERR_CONNECTION_INVALID");
    expect(error.details.issues.map((i) => i.field).sort()).toEqual(["companyId", "site"]);
    expect(run.io.stdout.text() + run.io.stderr.text()).not.toContain("s3cret-private-key-value");
    expect((await cwb(["connections", "list"])).doc).toEqual({ connections: [] });
  });

  it("a malformed devices file exits 2 and stores nothing", async () => {
    await setUp();
    writeFileSync(
      join(dir, "bad.csv"),
      'externalId,customerId,name,type\n"d1,org-acme,PC,Managed Workstation\n',
    );
    const bad = await cwb(["push", "devices", "--source", "rmm", "--file", join(dir, "bad.csv")]);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.doc).toMatchObject({ error: { code: "CWB_ERR_DEVICE_FILE_INVALID" } });
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify([
        { externalId: "d1", customerId: "org-acme", name: "PC", type: "Managed Workstation" },
        { externalId: "d2" },
      ]),
    );
    const invalid = await cwb([
      "push",
      "devices",
      "--source",
      "rmm",
      "--file",
      join(dir, "bad.json"),
    ]);
    expect(invalid.code).toBe(EXIT.usage);
    expect(invalid.doc).toMatchObject({
      error: { code: "CWB_ERR_DEVICE_INVALID", details: { issues: expect.any(Array) } },
    });
    expect((await cwb(["sync", "--plan"])).doc).toMatchObject({
      plan: { partitions: [], waiting: 0 },
    });
    const notJson = await cwb([
      "customers",
      "push",
      "--source",
      "rmm",
      "--file",
      join(dir, "bad.csv"),
    ]);
    expect(notJson).toMatchObject({
      code: EXIT.usage,
      doc: { error: { code: "CWB_ERR_CLI_FILE" } },
    });
    const missing = await cwb([
      "push",
      "devices",
      "--source",
      "rmm",
      "--file",
      join(dir, "nope.csv"),
    ]);
    expect(missing).toMatchObject({
      code: EXIT.usage,
      doc: { error: { code: "CWB_ERR_CLI_FILE" } },
    });
  });

  it("unknown names exit 4; a failed connection test exits 3; a sync while disabled exits 5", async () => {
    await setUp();
    expect((await cwb(["customers", "list", "--source", "nope"])).code).toBe(EXIT.notFound);
    expect((await cwb(["connections", "test", "nope"])).code).toBe(EXIT.notFound);
    const bad = addArgs({ "--name": "bad", "--public-key": "wrong" });
    const refused = await cwb(bad, "wrong");
    expect(refused.code).toBe(EXIT.connectwise);
    expect(refused.doc).toMatchObject({
      error: { code: "CWB_ERR_CLI_CONNECTION_TEST_FAILED", details: { test: { ok: false } } },
    });
    expect((await cwb(["connections", "test", "bad"])).code).toBe(EXIT.notFound);
    expect((await cwb([...bad, "--no-test"], "wrong")).code).toBe(0);
    const test = await cwb(["connections", "test", "bad"]);
    expect(test.code).toBe(EXIT.connectwise);
    expect(test.doc).toMatchObject({
      error: { code: "CWB_ERR_CLI_CONNECTION_TEST_FAILED", details: { test: { ok: false } } },
    });
    expect((await cwb(["customers", "match", "--source", "rmm"])).doc).toMatchObject({
      matched: 1,
    });
    writeFileSync(
      join(dir, "d.json"),
      JSON.stringify([
        { externalId: "d1", customerId: "org-acme", name: "PC-1", type: "Managed Workstation" },
      ]),
    );
    expect(
      (await cwb(["push", "devices", "--source", "rmm", "--file", join(dir, "d.json")])).code,
    ).toBe(0);
    const sync = await cwb(["sync", "--source", "rmm"]);
    expect(sync.code).toBe(EXIT.blocked);
    expect(sync.doc).toMatchObject({
      error: { code: "CWB_ERR_CLI_BLOCKED", message: expect.stringContaining("disabled") },
    });
    expect(emulator.table("configurations").filter((r) => r["name"] === "PC-1")).toHaveLength(0);
  });

  it("a secret in a misspelt flag is not echoed by the parse error", async () => {
    const io = captureIo({ env: { CWBRIDGE_HOME: join(dir, "home") } });
    const code = await runCli([...addArgs(), "--privat-key=TopSecretValue42"], io);
    expect(code).toBe(EXIT.usage);
    expect(io.stderr.text()).toContain("unknown option");
    expect(io.stderr.text()).not.toContain("TopSecretValue42");
  });

  it("the private key can come from a file", async () => {
    writeFileSync(join(dir, "key.txt"), `${emulator.credentials.privateKey}\n`);
    const run = await cwb(
      [...addArgs(), "--private-key-file", join(dir, "key.txt")].filter(
        (a) => a !== "--private-key-stdin",
      ),
    );
    expect(run.code).toBe(0);
    expect((await cwb(["connections", "test", "emu"])).doc).toMatchObject({ test: { ok: true } });
  });

  it("push alert: a bad event exits 2, an unmapped customer exits 5, nothing is stored", async () => {
    await setUp();
    const event = {
      id: "e1",
      kind: "fire",
      name: "Disk",
      customerId: "org-acme",
      summary: "C: 98%",
    };
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...event, kind: "explode", extra: 1 }));
    const bad = await cwb(["push", "alert", "--source", "rmm", "--file", join(dir, "bad.json")]);
    expect(bad).toMatchObject({
      code: EXIT.usage,
      doc: { error: { code: "CWB_ERR_ALERT_INVALID" } },
    });
    const both = await cwb([
      "push",
      "alert",
      "--source",
      "rmm",
      "--file",
      join(dir, "bad.json"),
      "--id",
      "x",
    ]);
    expect(both.code).toBe(EXIT.usage);
    const missing = await cwb(["push", "alert", "--source", "rmm", "--id", "x", "--kind", "fire"]);
    expect(missing.doc).toMatchObject({
      error: { message: expect.stringContaining("--name, --customer, --summary") },
    });
    writeFileSync(join(dir, "ok.json"), JSON.stringify(event));
    const unmapped = await cwb([
      "push",
      "alert",
      "--source",
      "rmm",
      "--file",
      join(dir, "ok.json"),
    ]);
    expect(unmapped).toMatchObject({
      code: EXIT.blocked,
      doc: { error: { code: "CWB_ERR_ALERT_UNMAPPED_CUSTOMER" } },
    });
    expect(
      emulator.table("tickets").filter((t) => String(t["summary"]).includes("C: 98%")),
    ).toHaveLength(0);
  });

  it("human output goes to stdout, errors to stderr; an unknown option exits 2", async () => {
    const io = captureIo({ env: { CWBRIDGE_HOME: join(dir, "home") } });
    expect(await runCli(["connections", "list"], io)).toBe(0);
    expect(io.stdout.text()).toContain("no connections");
    const bad = captureIo({ env: { CWBRIDGE_HOME: join(dir, "home") } });
    expect(await runCli(["connections", "list", "--nope"], bad)).toBe(EXIT.usage);
    expect(bad.stdout.text()).toBe("");
    expect(bad.stderr.text()).toContain("unknown option");
  });
});
