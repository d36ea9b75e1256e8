/**
 * `connections update` through the CLI (`runCli`, captured IO, ConnectWise = the emulator's
 * in-process fetch): only the given fields change; a key change is seen by the next
 * permission check (also within one engine: the cached client is dropped); bad input exits 2
 * and changes nothing; the private key and clientId never appear in any output.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, DEMO_KEYS, SEED_CLIENT_IDS } from "@cwbridge/connectwise-emulator";
import type { Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../cli-error.js";
import { EXIT } from "../exit-codes.js";
import { runCli } from "../run-cli.js";
import { createSession } from "../session.js";
import { addEmulatorConnectionArgs, captureIo, oneDocument } from "../testing/cli-harness.js";
import { permissionsCheck } from "./permissions-check.js";
import { connectionsUpdate } from "./connections-update.js";

interface Run {
  readonly code: number;
  readonly doc: Record<string, unknown>;
  readonly output: string;
}

interface Listed {
  readonly name: string;
  readonly publicKeyHint: string;
  readonly site: string;
  readonly memberId: string | null;
  readonly updatedAt: string;
}

const LIMITED = DEMO_KEYS.limited;
const OTHER_CLIENT_ID = SEED_CLIENT_IDS[1] ?? "";

describe("cwbridge connections update", () => {
  let emulator: Emulator;
  let dir: string;
  const outputs: string[] = [];

  beforeEach(async () => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-update-"));
    outputs.length = 0;
    const c = emulator.credentials;
    const added = await cwb(addEmulatorConnectionArgs("emu", c), { stdin: c.privateKey });
    expect(added.code).toBe(0);
  });
  afterEach(async () => {
    const all = outputs.join("\n");
    for (const secret of [emulator.credentials.privateKey, LIMITED.privateKey, OTHER_CLIENT_ID]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toContain(emulator.credentials.clientId);
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cwb(
    args: readonly string[],
    options: { readonly stdin?: string; readonly json?: boolean } = {},
  ): Promise<Run> {
    const io = captureIo({
      env: { CWBRIDGE_HOME: join(dir, "home") },
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    });
    const json = options.json ?? true;
    const code = await runCli([...(json ? ["--json"] : []), ...args], io, {
      fetch: emulator.fetch,
    });
    const output = io.stdout.text() + io.stderr.text();
    outputs.push(output);
    const doc = json ? (oneDocument(io.stdout.text()) as Record<string, unknown>) : {};
    return { code, doc, output };
  }

  async function listed(): Promise<Listed> {
    const run = await cwb(["connections", "list"]);
    const [only] = (run.doc["connections"] as Listed[] | undefined) ?? [];
    if (only === undefined) throw new Error("no connection listed");
    return only;
  }

  it("new keys (the limited member's) change what permissions check reports; --test runs the test", async () => {
    expect((await cwb(["permissions", "check", "emu"])).code).toBe(0);
    const updated = await cwb(
      ["connections", "update", "emu", "--public-key", LIMITED.publicKey, "--private-key-stdin"],
      { stdin: `${LIMITED.privateKey}\n` },
    );
    expect(updated.code).toBe(0);
    expect(updated.doc).toEqual({ connection: expect.objectContaining({ name: "emu" }) });
    expect(updated.doc["connection"]).toMatchObject({
      publicKeyHint: expect.stringMatching(/0002$/),
      hasPrivateKey: true,
      hasClientId: true,
    });
    expect(JSON.stringify(updated.doc)).not.toMatch(/privateKey"|clientId"/);

    const check = await cwb(["permissions", "check", "emu"]);
    expect(check.code).toBe(EXIT.connectwise);
    expect(check.doc).toMatchObject({ error: { code: "CWB_ERR_CLI_PERMISSIONS_MISSING" } });

    writeFileSync(join(dir, "key.txt"), `${emulator.credentials.privateKey}\n`);
    const back = await cwb([
      "connections",
      "update",
      "emu",
      "--public-key",
      emulator.credentials.publicKey,
      "--private-key-file",
      join(dir, "key.txt"),
      "--client-id",
      OTHER_CLIENT_ID,
      "--test",
    ]);
    expect(back.code).toBe(0);
    expect(back.doc).toMatchObject({ connection: { name: "emu" }, test: { ok: true } });
    expect((await cwb(["permissions", "check", "emu"])).code).toBe(0);
  });

  it("only the given fields change; --rename, --member-id and --no-member-id", async () => {
    const before = await listed();
    const renamed = await cwb([
      "connections",
      "update",
      "emu",
      "--rename",
      "acme",
      "--member-id",
      "cwbridge",
    ]);
    expect(renamed.code).toBe(0);
    const after = await listed();
    expect(after).toMatchObject({
      name: "acme",
      memberId: "cwbridge",
      site: before.site,
      publicKeyHint: before.publicKeyHint,
    });
    expect((await cwb(["connections", "test", "acme"])).doc).toMatchObject({ test: { ok: true } });
    expect((await cwb(["connections", "update", "acme", "--no-member-id"])).code).toBe(0);
    expect((await listed()).memberId).toBeNull();
  });

  it("bad flags exit 2 and change nothing; an unknown name exits 4", async () => {
    const before = await listed();
    const attempts: [readonly string[], string][] = [
      [
        ["--site", "https://psa.example.com", "--no-allow-on-prem", "--public-key", "x"],
        "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED",
      ],
      [
        ["--api-version", "latest", "--private-key", LIMITED.privateKey],
        "CWB_ERR_CONNECTION_INVALID",
      ],
      [["--company", "a b", "--client-id", OTHER_CLIENT_ID], "CWB_ERR_CONNECTION_INVALID"],
      [["--private-key", LIMITED.privateKey, "--private-key-stdin"], "CWB_ERR_CLI_USAGE"],
      [["--private-key-file", join(dir, "missing.txt")], "CWB_ERR_CLI_FILE"],
      [[], "CWB_ERR_CLI_USAGE"],
    ];
    for (const [flags, code] of attempts) {
      const run = await cwb(["connections", "update", "emu", ...flags], { stdin: "stdin-key" });
      expect(run.code, flags.join(" ")).toBe(EXIT.usage);
      expect(run.doc, flags.join(" ")).toMatchObject({ error: { code } });
    }
    const invalid = await cwb([
      "connections",
      "update",
      "emu",
      "--site",
      "ftp://x",
      "--company",
      "a b",
    ]);
    const issues = (invalid.doc["error"] as { details: { issues: { field: string }[] } }).details
      .issues;
    expect(issues.map((i) => i.field).sort()).toEqual(["companyId", "site"]);
    expect(await listed()).toEqual(before);

    const human = await cwb(
      ["connections", "update", "emu", "--private-key", LIMITED.privateKey, "--api-version", "x"],
      { json: false },
    );
    expect(human.code).toBe(EXIT.usage);
    expect(human.output).toContain("--api-version: must look like");

    const unknown = await cwb(["connections", "update", "nope", "--member-id", "x"]);
    expect(unknown.code).toBe(EXIT.notFound);
    expect(unknown.doc).toMatchObject({ error: { code: "CWB_ERR_CONNECTION_NOT_FOUND" } });
    expect(await listed()).toEqual(before);
  });

  it("a failed --test exits 3 and reports the update in the one error document", async () => {
    const run = await cwb(["connections", "update", "emu", "--public-key", "wrong", "--test"]);
    expect(run.code).toBe(EXIT.connectwise);
    expect(run.doc).toMatchObject({
      error: {
        code: "CWB_ERR_CLI_CONNECTION_TEST_FAILED",
        message: expect.stringContaining("updated connection 'emu'"),
        details: { connection: { name: "emu" }, test: { ok: false } },
      },
    });
  });

  it("within one engine the cached client is dropped: the next call uses the new keys", async () => {
    const io = captureIo({ stdin: LIMITED.privateKey });
    const session = createSession({
      io,
      globals: { dataDir: join(dir, "home"), json: true },
      fetch: emulator.fetch,
    });
    try {
      expect((await permissionsCheck(session, { connection: "emu" })).data).toMatchObject({
        report: { ok: true },
      });
      await connectionsUpdate(session, {
        name: "emu",
        publicKey: LIMITED.publicKey,
        privateKeyStdin: true,
      });
      const error = await permissionsCheck(session, { connection: "emu" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect(error).toMatchObject({ code: "CWB_ERR_CLI_PERMISSIONS_MISSING", exitCode: 3 });
    } finally {
      await session.close();
    }
  });
});
