/**
 * End-to-end: a script drives the real `cwbridge` bin with `--json` against an emulator
 * listening on a loopback port — the whole flow without prompts. The emulator's tables are
 * the oracle; every stdout must be exactly one JSON document; the private key and clientId
 * must never appear in any output.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, type Emulator, type Entity } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addEmulatorConnectionArgs,
  oneDocument,
  spawnCli,
  type Spawned,
} from "./testing/cli-harness.js";

const refId = (value: unknown): number | undefined => (value as { id?: number } | undefined)?.id;

describe("cwbridge bin: scripted flow (e2e)", () => {
  let emulator: Emulator;
  let server: { url: string; close(): Promise<void> };
  let dir: string;
  const outputs: Spawned[] = [];

  beforeAll(async () => {
    emulator = createEmulator({ seed: "demo" });
    server = await emulator.listen({ port: 0, host: "127.0.0.1" });
    dir = mkdtempSync(join(tmpdir(), "cwb-cli-e2e-"));
    writeFileSync(
      join(dir, "customers.json"),
      JSON.stringify([
        { id: "org-acme", name: "Acme Corporation", identifier: "AcmeCorp" },
        { id: "org-globex", name: "Globex, Inc." },
      ]),
    );
    writeFileSync(
      join(dir, "devices.csv"),
      [
        "externalId,customerId,name,type,serialNumber",
        "d-acme-ws-001,org-acme,ACME-WS-001,Managed Workstation,5CG1234ABC",
        "d-acme-lt-01,org-acme,ACME-LT-01,Managed Workstation,E2E-SERIAL-1",
        "d-acme-lt-02,org-acme,ACME-LT-02,Managed Workstation,E2E-SERIAL-2",
        "d-globex-lt-01,org-globex,GLOBEX-LT-01,Managed Workstation,E2E-SERIAL-3",
      ].join("\n"),
    );
  });

  afterAll(async () => {
    await server.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cwb(args: readonly string[], stdin?: string): Promise<Record<string, unknown>> {
    const result = await spawnCli(["--data-dir", join(dir, "home"), "--json", ...args], {
      ...(stdin === undefined ? {} : { stdin }),
    });
    outputs.push(result);
    if (result.code !== 0)
      throw new Error(`${args.join(" ")} → ${result.code}\n${result.stdout}\n${result.stderr}`);
    return oneDocument(result.stdout) as Record<string, unknown>;
  }

  it("init → add (key on stdin) → test → source → customers → devices → enable → sync → alert → events", async () => {
    const c = { ...emulator.credentials, url: server.url };
    expect(await cwb(["init", "--no-input"])).toMatchObject({
      connection: null,
      keyGenerated: true,
    });
    const added = await cwb(addEmulatorConnectionArgs("emu", c), `${c.privateKey}\n`);
    expect(added).toMatchObject({
      connection: { name: "emu", enabled: false, hasPrivateKey: true },
    });
    expect(await cwb(["connections", "test", "emu"])).toMatchObject({ test: { ok: true } });
    expect(await cwb(["permissions", "check", "emu"])).toMatchObject({ report: { ok: true } });
    const source = await cwb(["sources", "add", "--name", "rmm", "--connection", "emu"]);
    expect(source["token"]).toEqual(expect.any(String));
    expect(
      await cwb(["customers", "push", "--source", "rmm", "--file", join(dir, "customers.json")]),
    ).toMatchObject({ upserted: 2 });
    expect(
      await cwb(["customers", "match", "--source", "rmm", "--type", "Customer"]),
    ).toMatchObject({ matched: 2, review: 0 });
    expect(
      await cwb(["push", "devices", "--source", "rmm", "--file", join(dir, "devices.csv")]),
    ).toMatchObject({ received: 4, changed: 4 });
    const plan = (await cwb(["sync", "--plan"]))["plan"] as { totals: { creates: number } };
    expect(plan.totals.creates).toBeGreaterThan(0);
    expect(
      emulator.table("configurations").filter((r) => String(r["name"]).startsWith("ACME-LT")),
    ).toHaveLength(0);
    expect(await cwb(["connections", "enable", "emu"])).toMatchObject({
      connection: { enabled: true },
    });
    expect(await cwb(["rules", "add", "--board", "Service Desk"])).toMatchObject({
      rule: { position: 0 },
    });
    const sync = (await cwb(["sync"]))["reports"] as { outcome: string }[];
    expect(sync.map((r) => r.outcome)).toEqual(["synced", "synced"]);

    const configs = emulator.table("configurations");
    for (const name of ["ACME-LT-01", "ACME-LT-02", "GLOBEX-LT-01"]) {
      expect(configs.filter((r) => r["name"] === name)).toHaveLength(1);
    }
    expect(configs.filter((r) => r["serialNumber"] === "5CG1234ABC")).toHaveLength(1);

    const alert = [
      "push",
      "alert",
      "--source",
      "rmm",
      "--name",
      "Disk full",
      "--customer",
      "org-acme",
      "--device",
      "d-acme-ws-001",
      "--summary",
      "C: 98%",
    ];
    const fired = await cwb([...alert, "--id", "e2e-1", "--kind", "fire", "--label", "env=prod"]);
    const ticketId = (fired["incident"] as { ticketId: number }).ticketId;
    expect(fired).toMatchObject({ action: "open", incident: { state: "open" } });
    const resolved = await cwb([...alert, "--id", "e2e-2", "--kind", "resolve"]);
    expect(resolved).toMatchObject({ action: "close", incident: { state: "closed", ticketId } });
    const ticket = emulator.table("tickets").find((t: Entity) => t.id === ticketId);
    expect(ticket?.["closedFlag"]).toBe(true);
    expect(refId(ticket?.["board"])).toBe(1);

    const events = (await cwb(["events", "--limit", "1000"]))["events"] as {
      method: string;
      path: string;
    }[];
    expect(
      events.some((e) => e.method === "POST" && e.path.includes("/company/configurations")),
    ).toBe(true);
    expect(events.some((e) => e.method === "POST" && e.path.includes("/service/tickets"))).toBe(
      true,
    );

    const all = outputs.map((o) => o.stdout + o.stderr).join("\n");
    expect(all).not.toContain(c.privateKey);
    expect(all).not.toContain(c.clientId);
  }, 240_000);

  it("--tenant: a connection added in tenant a is not listed in b, and b may use the same name", async () => {
    const c = { ...emulator.credentials, url: server.url };
    const home = ["--data-dir", join(dir, "home-tenants")];
    const run = async (args: readonly string[], stdin?: string) => {
      const result = await spawnCli([...home, "--json", ...args], {
        ...(stdin === undefined ? {} : { stdin }),
      });
      outputs.push(result);
      expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
      return oneDocument(result.stdout) as Record<string, unknown>;
    };
    const key = `${c.privateKey}\n`;
    await run(["init", "--no-input"]);
    const inA = await run(["--tenant", "a", ...addEmulatorConnectionArgs("x", c)], key);
    expect(await run(["--tenant", "b", "connections", "list"])).toEqual({ connections: [] });
    const inB = await run(["--tenant", "b", ...addEmulatorConnectionArgs("x", c)], key);
    const id = (doc: Record<string, unknown>) => (doc["connection"] as { id: string }).id;
    expect(id(inB)).not.toBe(id(inA));
    const listed = async (tenant: string) =>
      (
        (await run(["--tenant", tenant, "connections", "list"]))["connections"] as { id: string }[]
      ).map((connection) => connection.id);
    expect(await listed("a")).toEqual([id(inA)]);
    expect(await listed("b")).toEqual([id(inB)]);
    expect(await listed("default")).toEqual([]);
  }, 120_000);
});
