/**
 * Command bodies called directly with a session (in-process emulator): init with flags,
 * doctor, keys rotate, events (table and follow), worker and emulator until the signal, rules,
 * customers list/map, human output.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { PassThrough } from "node:stream";
import { join } from "node:path";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../cli-error.js";
import { createSession, type CliSession } from "../session.js";
import { capture, captureIo, type CapturedIo } from "../testing/cli-harness.js";
import { companiesList } from "./companies-list.js";
import { connectionsAdd } from "./connections-add.js";
import { connectionsList } from "./connections-list.js";
import { customersList } from "./customers-list.js";
import { customersMap } from "./customers-map.js";
import { doctor } from "./doctor.js";
import { emulatorCommand } from "./emulator.js";
import { eventsCommand } from "./events.js";
import { init } from "./init.js";
import { keysRotate } from "./keys-rotate.js";
import { pushAlert } from "./push-alert.js";
import { rulesAdd, rulesList, rulesRemove } from "./rules.js";
import { sourcesAdd } from "./sources-add.js";
import { workerCommand } from "./worker.js";

describe("command bodies", () => {
  let emulator: Emulator;
  let dir: string;
  const sessions: CliSession[] = [];

  beforeEach(() => {
    emulator = createEmulator({ seed: "demo" });
    dir = mkdtempSync(join(tmpdir(), "cwb-cmd-"));
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function session(options: { json?: boolean; stdin?: string; signal?: AbortSignal } = {}): {
    s: CliSession;
    io: CapturedIo;
  } {
    const io = captureIo({
      ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const s = createSession({
      io,
      globals: { dataDir: join(dir, "home"), json: options.json ?? true },
      fetch: emulator.fetch,
    });
    sessions.push(s);
    return { s, io };
  }

  async function initWithConnection(): Promise<CliSession> {
    const c = emulator.credentials;
    const { s } = session({ stdin: c.privateKey });
    const r = await init(s, {
      name: "emu",
      site: c.url,
      company: c.companyId,
      publicKey: c.publicKey,
      privateKeyStdin: true,
      clientId: c.clientId,
      allowOnPrem: true,
      allowInsecure: true,
      input: false,
    });
    expect(r.data).toMatchObject({
      connection: { name: "emu" },
      test: { ok: true },
      keyGenerated: true,
    });
    expect(statSync(join(dir, "home", "master.key")).mode & 0o777).toBe(0o600);
    return s;
  }

  it("init: partial connection flags are refused before anything is created", async () => {
    const { s } = session();
    await expect(init(s, { site: "na", input: false })).rejects.toThrow(
      /--company, --public-key, --client-id/,
    );
    expect(() => statSync(join(dir, "home"))).toThrow();
  });

  it("doctor passes on a healthy install and reports every check", async () => {
    await initWithConnection();
    const { s } = session();
    const r = await doctor(s);
    const checks = (r.data as { checks: { name: string; ok: boolean }[] }).checks;
    expect(checks.map((c) => c.name)).toEqual([
      "data-dir",
      "master-key",
      "database",
      "queue",
      "connection:emu",
      "permissions:emu",
    ]);
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it("doctor fails (exit 3) when a connection's keys are wrong", async () => {
    const c = emulator.credentials;
    const { s } = session({ stdin: "wrong-private-key" });
    await init(s, {
      name: "bad",
      site: c.url,
      company: c.companyId,
      publicKey: "wrong",
      privateKeyStdin: true,
      clientId: c.clientId,
      allowOnPrem: true,
      allowInsecure: true,
      input: false,
      test: false,
    });
    const error = await doctor(session().s).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(3);
  });

  it("init with keys that fail the test keeps no connection (exit 3, the failure named)", async () => {
    const c = emulator.credentials;
    const { s } = session({ stdin: "wrong-private-key" });
    const error = await init(s, {
      name: "bad",
      site: c.url,
      company: c.companyId,
      publicKey: c.publicKey,
      privateKeyStdin: true,
      clientId: c.clientId,
      allowOnPrem: true,
      allowInsecure: true,
      input: false,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 3, code: "CWB_ERR_CLI_CONNECTION_TEST_FAILED" });
    expect((error as CliError).message).toMatch(/failed at \w+: .+nothing was saved/);
    expect((await connectionsList(session().s)).data).toEqual({ connections: [] });
  });

  it("connections add tests on save: a failing test stores nothing; --no-test saves it untested", async () => {
    await init(session().s, { input: false });
    const c = emulator.credentials;
    const flags = {
      name: "acme",
      site: c.url,
      company: c.companyId,
      publicKey: c.publicKey,
      clientId: c.clientId,
      allowOnPrem: true,
      allowInsecure: true,
    };
    const failed = await connectionsAdd(session().s, {
      ...flags,
      privateKey: "wrong-private-key",
      enable: true,
    }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ exitCode: 3, code: "CWB_ERR_CLI_CONNECTION_TEST_FAILED" });
    expect((await connectionsList(session().s)).data).toEqual({ connections: [] });

    const untested = await connectionsAdd(session().s, {
      ...flags,
      privateKey: "wrong-private-key",
      test: false,
    });
    expect(untested.data).toMatchObject({ connection: { name: "acme", enabled: false } });
    expect(untested.data).not.toHaveProperty("test");
    expect(untested.human.join("\n")).toContain("not tested");

    const good = await connectionsAdd(session().s, {
      ...flags,
      name: "good",
      privateKey: c.privateKey,
    });
    expect(good.data).toMatchObject({ connection: { name: "good" }, test: { ok: true } });
  });

  it("doctor fails (exit 1) on a key file others can read, naming the fix", async () => {
    await initWithConnection();
    chmodSync(join(dir, "home", "master.key"), 0o644);
    const error = await doctor(session().s).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 1, code: "CWB_ERR_CLI_DOCTOR_FAILED" });
    const checks = (
      (error as CliError).details as { checks: { name: string; ok: boolean; detail: string }[] }
    ).checks;
    expect(checks.find((c) => c.name === "master-key")).toMatchObject({
      ok: false,
      detail: expect.stringContaining("chmod 600"),
    });
  });

  it("keys rotate re-encrypts the connection secrets; the connection still works", async () => {
    await initWithConnection();
    const r = await keysRotate(session().s, {});
    expect(r.data).toMatchObject({ rotation: { source: "file", reencrypted: 2 } });
    const after = await doctor(session().s);
    expect((after.data as { ok: boolean }).ok).toBe(true);
  });

  it("events: a table for humans, an array for --json, and --follow streams lines until the signal", async () => {
    await initWithConnection();
    const human = session({ json: false });
    const table = await eventsCommand(human.s, { limit: "5" });
    expect(table.human[0]).toMatch(/^id\s+at\s+method\s+path/);
    const json = await eventsCommand(session().s, {});
    expect((json.data as { events: unknown[] }).events.length).toBeGreaterThan(0);
    const ac = new AbortController();
    const follower = session({ signal: ac.signal });
    const following = eventsCommand(follower.s, { follow: true, since: "0", pollMs: 10 });
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    await following;
    const lines = follower.io.stdout.text().trim().split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty("method");
  });

  it("rules add/list/remove, customers map/list, an alert while disabled exits 5 and stays queued", async () => {
    await initWithConnection();
    const src = await sourcesAdd(session().s, { name: "mon" });
    expect(src.data).toMatchObject({ source: { name: "mon" } });
    const added = await rulesAdd(session().s, {
      board: "Service Desk",
      source: "mon",
      alertName: "Disk*",
      label: ["env=prod"],
      verify: "emu",
    });
    const id = (added.data as { rule: { id: string } }).rule.id;
    expect((await rulesList(session().s)).data).toMatchObject({
      rules: [
        {
          id,
          rule: {
            match: { alertName: "Disk*", labels: { env: "prod" } },
            target: { boardName: "Service Desk" },
          },
        },
      ],
    });
    await rulesRemove(session().s, { id });
    expect((await rulesList(session().s)).data).toEqual({ rules: [] });
    const { s } = session();
    const { pushCustomers } = await import("../../features/customers/index.js");
    const engine = await s.engine();
    const source = (src.data as { source: { id: string } }).source;
    await pushCustomers(engine.ctx, source.id, [{ id: "c1", name: "Somebody" }]);
    const companies = await companiesList(session().s, {
      refresh: true,
      type: "Customer",
      search: "acme",
    });
    expect(
      (companies.data as { companies: { identifier: string }[] }).companies.map(
        (c) => c.identifier,
      ),
    ).toEqual(["ACMEWidgets", "AcmeCorp"]);
    const mapped = await customersMap(s, { source: "mon", customer: "c1", company: "AcmeCorp" });
    expect(mapped.data).toMatchObject({
      mapping: { customerId: "c1", companyId: 250, manual: true },
    });
    expect((await customersList(session().s, { source: "mon" })).data).toMatchObject({
      mappings: [{ customerId: "c1", companyId: 250 }],
    });
    const byName = await customersMap(s, {
      source: "mon",
      customer: "c1",
      company: "Globex, Inc.",
    });
    expect(byName.data).toMatchObject({ mapping: { customerId: "c1", companyId: 251 } });
    await customersMap(s, { source: "mon", customer: "c1", company: "Acme Corporation" });
    const alert = await pushAlert(session().s, {
      source: "mon",
      id: "a1",
      kind: "fire",
      name: "X",
      customer: "c1",
      summary: "s",
      timeoutMs: 1000,
    }).catch((e: unknown) => e);
    expect(alert).toBeInstanceOf(CliError);
    expect(alert).toMatchObject({ exitCode: 5, message: expect.stringContaining("disabled") });
  });

  it("worker and emulator run until the signal aborts", async () => {
    await initWithConnection();
    const ac = new AbortController();
    const worker = workerCommand(session({ signal: ac.signal }).s, { concurrency: "2" });
    const emu = session({ signal: ac.signal });
    const emulating = emulatorCommand(emu.s, { port: "0", seed: "empty" });
    await new Promise((r) => setTimeout(r, 300));
    ac.abort();
    expect((await worker).data).toMatchObject({ stopped: true });
    await emulating;
    const doc = JSON.parse(emu.io.stdout.text()) as { url: string; companyId: string };
    expect(doc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("init, interactive", () => {
  it("asks for the connection on a TTY and adds it (private key not echoed)", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const dir = mkdtempSync(join(tmpdir(), "cwb-init-"));
    try {
      const c = emulator.credentials;
      // A user answers each question once it is shown, as on a real terminal.
      const answers = ["y", "emu", c.url, c.companyId, c.publicKey, c.privateKey, c.clientId];
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      const stderr = capture();
      const prompting = {
        isTTY: false,
        write(chunk: string) {
          stderr.write(chunk);
          if (chunk.endsWith(": ")) setImmediate(() => stdin.write(`${answers.shift() ?? ""}\n`));
          return true;
        },
      };
      const io = { ...captureIo(), stdin, stderr: prompting };
      const s = createSession({
        io,
        globals: { dataDir: join(dir, "home") },
        fetch: emulator.fetch,
      });
      try {
        // An in-process emulator URL needs the on-prem/insecure opt-ins, given as flags.
        const r = await init(s, { allowOnPrem: true, allowInsecure: true, test: false });
        expect(r.data).toMatchObject({ connection: { name: "emu", site: c.url } });
        expect(stderr.text()).toContain("Company ID");
        expect(stderr.text() + io.stdout.text()).not.toContain(c.privateKey);
      } finally {
        await s.close();
      }
    } finally {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
