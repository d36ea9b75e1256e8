/**
 * The site policy through the CLI (issue #7.4, #7.5, #7.8): a site URL with credentials or a
 * path, or an address that is never ConnectWise (169.254.169.254 in any spelling), exits 2 with
 * `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED` and stores nothing; private ranges stay allowed with
 * `--allow-on-prem`; a row stored with credentials in its site (by older code) never shows
 * them, and cannot be used or kept until its site is fixed. ConnectWise = the emulator's
 * in-process fetch (nothing here leaves the process).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "../exit-codes.js";
import { runCli } from "../run-cli.js";
import { createSession } from "../session.js";
import { captureIo, oneDocument } from "../testing/cli-harness.js";

interface Run {
  readonly code: number;
  readonly doc: Record<string, unknown>;
  readonly output: string;
}

const PASSWORD = "Planted-Pw-9137";
const PLANTED = `https://planted-user:${PASSWORD}@api-na.myconnectwise.net`;

describe("cwbridge connections: the site policy", () => {
  let emulator: Emulator;
  let dir: string;
  const outputs: string[] = [];

  beforeEach(() => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-site-"));
    outputs.length = 0;
  });
  afterEach(async () => {
    const all = outputs.join("\n");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain("planted-user");
    expect(all).not.toContain(emulator.credentials.privateKey);
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cwb(args: readonly string[], json = true): Promise<Run> {
    const io = captureIo({ env: { CWBRIDGE_HOME: join(dir, "home") } });
    const code = await runCli([...(json ? ["--json"] : []), ...args], io, {
      fetch: emulator.fetch,
    });
    const output = io.stdout.text() + io.stderr.text();
    outputs.push(output);
    const doc = json ? (oneDocument(io.stdout.text()) as Record<string, unknown>) : {};
    return { code, doc, output };
  }

  function add(name: string, site: string, ...flags: string[]): Promise<Run> {
    const c = emulator.credentials;
    return cwb([
      "connections",
      "add",
      "--name",
      name,
      "--site",
      site,
      ...flags,
      "--company",
      c.companyId,
      "--public-key",
      c.publicKey,
      "--private-key",
      c.privateKey,
      "--client-id",
      c.clientId,
    ]);
  }

  async function names(): Promise<string[]> {
    const run = await cwb(["connections", "list"]);
    return ((run.doc["connections"] as { name: string }[] | undefined) ?? []).map((c) => c.name);
  }

  function refused(run: Run, label: string): void {
    expect(run.code, label).toBe(EXIT.usage);
    expect(run.doc, label).toMatchObject({
      error: { code: "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED" },
    });
  }

  it("refuses credentials and paths in a cloud URL, with or without the opt-ins, storing nothing", async () => {
    for (const site of [
      PLANTED,
      "https://api-na.myconnectwise.net/v4_6_release",
      "https://api-na.myconnectwise.net?x=1",
    ]) {
      for (const flags of [[], ["--allow-on-prem", "--allow-insecure"]]) {
        const run = await add("acme", site, ...flags);
        refused(run, `${site} ${flags.join(" ")}`);
        expect(JSON.stringify(run.doc)).toContain("--site");
      }
    }
    const human = await cwb(["connections", "add", "--name", "acme", "--site", PLANTED], false);
    expect(human.code).toBe(EXIT.usage);
    expect(await names()).toEqual([]);
  });

  it("refuses 169.254.169.254 in every spelling (and other never-ConnectWise addresses) even with --allow-on-prem", async () => {
    const hosts = [
      "169.254.169.254",
      "2852039166",
      "0xa9fea9fe",
      "0251.0376.0251.0376",
      "169.254.43518",
      "[::ffff:169.254.169.254]",
      "[::ffff:a9fe:a9fe]",
      "[fe80::1]",
      "[fd00:ec2::254]",
      "0.0.0.0",
      "[::]",
      "255.255.255.255",
    ];
    for (const host of hosts) {
      const run = await add("meta", `http://${host}`, "--allow-on-prem", "--allow-insecure");
      refused(run, host);
      expect(JSON.stringify(run.doc), host).toContain("never a ConnectWise server");
    }
    expect(await names()).toEqual([]);
  });

  it("keeps private ranges allowed behind --allow-on-prem, and names the flag without it", async () => {
    const without = await add("lan", "https://10.0.0.5");
    refused(without, "10.0.0.5 without the opt-in");
    expect(JSON.stringify(without.doc)).toContain("--allow-on-prem");
    const message = (without.doc["error"] as { message: string }).message;
    expect(message).not.toMatch(/allowOnPrem|allowInsecure/);
    const insecure = await add("lab", "http://10.0.0.6", "--allow-on-prem");
    refused(insecure, "http without --allow-insecure");
    expect((insecure.doc["error"] as { message: string }).message).toContain("--allow-insecure");
    expect((insecure.doc["error"] as { message: string }).message).not.toMatch(/allowInsecure/);
    const meta = await add("meta", "http://169.254.169.254", "--allow-on-prem", "--allow-insecure");
    expect((meta.doc["error"] as { message: string }).message).not.toMatch(/allowOnPrem/);
    expect((await add("lan", "https://10.0.0.5", "--allow-on-prem")).code).toBe(EXIT.ok);
    expect((await add("office", "https://192.168.1.10:8443", "--allow-on-prem")).code).toBe(
      EXIT.ok,
    );
    expect(await names()).toEqual(["lan", "office"]);
  });

  it("a row stored with credentials in its site never shows them, cannot be used, and is fixed by --site", async () => {
    expect((await add("planted", "na")).code).toBe(EXIT.ok);
    const session = createSession({
      io: captureIo(),
      globals: { dataDir: join(dir, "home"), json: true },
      fetch: emulator.fetch,
    });
    try {
      const engine = await session.engine();
      await engine.ctx.store.db
        .updateTable("connections")
        .set({ site: PLANTED })
        .where("name", "=", "planted")
        .execute();
    } finally {
      await session.close();
    }
    emulator.ledger.clear(); // `add` tested the connection on save, before the site was planted

    const listed = await cwb(["connections", "list"]);
    expect(listed.doc).toMatchObject({
      connections: [{ name: "planted", site: "https://[REDACTED]@api-na.myconnectwise.net" }],
    });
    const human = await cwb(["connections", "list"], false);
    expect(human.output).toContain("[REDACTED]@api-na.myconnectwise.net");

    const test = await cwb(["connections", "test", "planted"]);
    expect(test.code).toBe(EXIT.connectwise);
    expect(test.doc).toMatchObject({
      error: {
        code: "CWB_ERR_CLI_CONNECTION_TEST_FAILED",
        details: { test: { ok: false, steps: expect.any(Array) as unknown } },
      },
    });
    const steps = (test.doc["error"] as { details: { test: { steps: unknown[] } } }).details.test
      .steps;
    expect(steps[0]).toMatchObject({ name: "companyinfo", failure: { code: "site_not_allowed" } });
    expect((await cwb(["connections", "test", "planted"], false)).code).toBe(EXIT.connectwise);
    expect(emulator.ledger.requests()).toEqual([]);

    refused(await cwb(["connections", "update", "planted", "--member-id", "x"]), "keep bad site");
    const fixed = await cwb(["connections", "update", "planted", "--site", "na"]);
    expect(fixed.code).toBe(EXIT.ok);
    expect((await cwb(["connections", "list"])).doc).toMatchObject({
      connections: [{ name: "planted", site: "na" }],
    });
  });
});
