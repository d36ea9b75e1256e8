/**
 * The text rule through the CLI (`runCli`, ConnectWise = the emulator), on SQLite and PostgreSQL
 * (`--database-url`, the test's store): NUL and lone surrogates in JSON files, and control characters in flags,
 * exit 2 with the input's `*_INVALID` code on both dialects (PostgreSQL used to fail with
 * `CWB_ERR_CLI_UNEXPECTED` on NUL, SQLite stored it), and a refused snapshot removes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../store/open-store.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../store/testing/test-stores.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./run-cli.js";
import { addEmulatorConnectionArgs, captureIo, oneDocument } from "./testing/cli-harness.js";

const device = (i: number, name = `PC-${i}`) =>
  JSON.stringify({ externalId: `d${i}`, customerId: "org-acme", name, type: "Workstation" });

describe.each(TEST_DIALECTS)("text rule through the CLI (%s)", (dialect) => {
  let emulator: Emulator;
  let dir: string;
  let database: TestStore;
  let databaseArgs: string[];

  async function cwb(args: readonly string[]) {
    const io = captureIo({
      env: { CWBRIDGE_HOME: join(dir, "home") },
      stdin: emulator.credentials.privateKey,
    });
    const code = await runCli(["--json", ...databaseArgs, ...args], io, { fetch: emulator.fetch });
    return { code, doc: oneDocument(io.stdout.text()) as Record<string, unknown> };
  }

  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-input-text-"));
    database = await openTestStore(dialect);
    // The CLI opens its own store on the same database (PostgreSQL: the test's schema).
    await database.store.close();
    databaseArgs = [
      "--database-url",
      database.options.kind === "postgres"
        ? database.options.url
        : `sqlite:${database.options.file}`,
    ];
    expect((await cwb(addEmulatorConnectionArgs("emu", emulator.credentials))).code).toBe(0);
    expect((await cwb(["sources", "add", "--name", "rmm"])).code).toBe(0);
    const customers = file("c.json", JSON.stringify([{ id: "org-acme", name: "Acme" }]));
    expect((await cwb(["customers", "push", "--source", "rmm", "--file", customers])).code).toBe(0);
    const devices = file("d.ndjson", `${device(1)}\n${device(2)}\n`);
    expect(await cwb(["push", "devices", "--source", "rmm", "--file", devices])).toMatchObject({
      code: 0,
      doc: { received: 2 },
    });
  });
  afterAll(async () => {
    await emulator.close();
    await database.cleanup().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const refused = (code: string) => ({ code: EXIT.usage, doc: { error: { code } } });

  it.each([
    ["NUL", "\\u0000"],
    ["a lone surrogate", "\\ud800"],
  ])("%s in a customers or devices file exits 2; the snapshot removes nothing", async (_, esc) => {
    const customers = file("bad.json", `[{"id":"org-2","name":"Glob${esc}ex"}]`);
    expect(await cwb(["customers", "push", "--source", "rmm", "--file", customers])).toMatchObject(
      refused("CWB_ERR_CUSTOMER_INVALID"),
    );
    const devices = file(
      "bad.ndjson",
      `${device(1)}\n{"externalId":"d3","customerId":"org-acme","name":"PC${esc}","type":"T"}\n`,
    );
    expect(await cwb(["push", "devices", "--source", "rmm", "--file", devices])).toMatchObject(
      refused("CWB_ERR_DEVICE_INVALID"),
    );
    const again = file("again.ndjson", `${device(1)}\n${device(2)}\n`);
    expect(await cwb(["push", "devices", "--source", "rmm", "--file", again])).toMatchObject({
      code: 0,
      doc: { received: 2, changed: 0, unchanged: 2, removed: 0 },
    });
    const store = openStore(database.options);
    try {
      const rows = await store.db.selectFrom("customers").select("external_id").execute();
      expect(rows).toEqual([{ external_id: "org-acme" }]);
    } finally {
      await store.close();
    }
  });

  it("control characters in flags exit 2 with the input's code, storing nothing", async () => {
    expect(await cwb(["sources", "add", "--name", "rm\u0001m"])).toMatchObject(
      refused("CWB_ERR_SOURCE_INVALID"),
    );
    expect(
      await cwb(["rules", "add", "--board", "Service Desk", "--label", "env=pr\u001bod"]),
    ).toMatchObject(refused("CWB_ERR_ALERT_ROUTING_RULE_INVALID"));
    expect(
      await cwb([
        "push",
        "alert",
        "--source",
        "rmm",
        "--id",
        "evt-1",
        "--kind",
        "fire",
        "--name",
        "Disk\u007f full",
        "--customer",
        "org-acme",
        "--summary",
        "C: 98%",
      ]),
    ).toMatchObject(refused("CWB_ERR_ALERT_INVALID"));
    expect(await cwb(["connections", "update", "emu", "--member-id", "api\u0002"])).toMatchObject(
      refused("CWB_ERR_CONNECTION_INVALID"),
    );
    expect((await cwb(["sources", "list"])).doc).toMatchObject({ sources: [{ name: "rmm" }] });
    expect((await cwb(["rules", "list"])).doc).toEqual({ rules: [] });
  });
});
