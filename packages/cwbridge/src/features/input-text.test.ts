/**
 * The one text rule (`domain/safe-text.ts`) at every service boundary where a string enters the
 * store, on SQLite and PostgreSQL alike: NUL (which PostgreSQL cannot store and SQLite keeps)
 * and a lone surrogate (which SQLite stores as invalid UTF-8 and PostgreSQL silently replaces)
 * are refused with the input's own `*_INVALID` code naming the field, and nothing is stored.
 * Device files with bytes that are not UTF-8 are refused naming the line; a snapshot push of
 * such a file removes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../app/testing/test-app.js";
import { TEST_DIALECTS } from "../store/testing/test-stores.js";
import {
  addRoutingRule,
  listRoutingRules,
  readAlertSettings,
  writeAlertSettings,
} from "./alerts/index.js";
import { addConnection, updateConnection } from "./connections/index.js";
import { pushCustomers } from "./customers/index.js";
import { pushDevices, readDevicesFile } from "./devices/index.js";
import { addSource } from "./sources/index.js";

const HOSTILE = [
  ["NUL", "PC\u0000-1"],
  ["a lone high surrogate", "PC-\ud83d"],
  ["a lone low surrogate", "\ude80PC"],
] as const;

const device = (i: number, name = `PC-${i}`) => ({
  externalId: `d${i}`,
  customerId: "c1",
  name,
  type: "Managed Workstation",
});

const connection = (name: string) => ({
  name,
  site: "na",
  companyId: "acme",
  publicKey: "pub",
  privateKey: "priv",
  clientId: "00000000-0000-0000-0000-000000000000",
});

/** The error `run` rejects with (fails the test when it resolves). */
async function refusal(run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Record<string, unknown>;
  }
  throw new Error("expected a refusal");
}

describe.each(TEST_DIALECTS)("text that enters the store (%s)", (dialect) => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
    sourceId = (await addSource(t.ctx, { name: "rmm", connectionId: t.connectionId })).source.id;
    await pushCustomers(t.ctx, sourceId, [{ id: "c1", name: "Acme" }]);
    await pushDevices(t.ctx, sourceId, [device(1), device(2)], { mode: "snapshot" });
  });
  afterAll(async () => {
    await t.close();
  });

  const snapshot = async () => ({
    customers: await t.ctx.store.db
      .selectFrom("customers")
      .select(["external_id", "name"])
      .orderBy("external_id")
      .execute(),
    devices: await t.ctx.store.db
      .selectFrom("devices")
      .selectAll()
      .orderBy("external_id")
      .execute(),
    sources: await t.ctx.store.db.selectFrom("sources").select("name").execute(),
    connections: await t.ctx.store.db
      .selectFrom("connections")
      .select(["name", "settings_json", "member_id"])
      .orderBy("name")
      .execute(),
    rules: await t.ctx.store.db.selectFrom("routing_rules").select("id").execute(),
  });

  it.each(HOSTILE)("refuses %s in every stored string field, storing nothing", async (_, bad) => {
    const before = await snapshot();
    const customer = await refusal(() =>
      pushCustomers(t.ctx, sourceId, [
        { id: "c2", name: "Fine" },
        { id: "c3", name: bad },
      ]),
    );
    expect(customer).toMatchObject({ code: "CWB_ERR_CUSTOMER_INVALID" });
    expect(String(customer["message"])).toMatch(/\[1\]\.name: must not contain control characters/);
    for (const field of ["id", "displayName", "identifier", "domain"]) {
      const other = await refusal(() =>
        pushCustomers(t.ctx, sourceId, [{ id: "c4", name: "Fine", [field]: bad }]),
      );
      expect(other).toMatchObject({ code: "CWB_ERR_CUSTOMER_INVALID" });
    }

    for (const field of ["name", "externalId", "customerId", "type", "serialNumber", "notes"]) {
      const error = await refusal(() =>
        pushDevices(t.ctx, sourceId, [device(1), { ...device(3), [field]: bad }], {
          mode: "snapshot",
        }),
      );
      expect(error).toMatchObject({
        code: "CWB_ERR_DEVICE_INVALID",
        issues: [{ index: 1, field }],
      });
    }
    const removed = await refusal(() =>
      pushDevices(t.ctx, sourceId, [], { mode: "delta", removed: [bad] }),
    );
    expect(removed).toMatchObject({ code: "CWB_ERR_DEVICE_INVALID" });

    expect(
      await refusal(() => addSource(t.ctx, { name: bad, connectionId: t.connectionId })),
    ).toMatchObject({ code: "CWB_ERR_SOURCE_INVALID" });

    for (const field of ["name", "companyId", "publicKey", "privateKey", "clientId", "memberId"]) {
      const error = await refusal(() =>
        addConnection(t.ctx, { ...connection("other"), [field]: bad }),
      );
      expect(error).toMatchObject({ code: "CWB_ERR_CONNECTION_INVALID", issues: [{ field }] });
      // Messages never echo the value (it may be a secret).
      expect(String(error["message"])).not.toContain(bad);
    }
    expect(
      await refusal(() => updateConnection(t.ctx, t.connectionId, { memberId: bad })),
    ).toMatchObject({ code: "CWB_ERR_CONNECTION_INVALID", issues: [{ field: "memberId" }] });

    expect(
      await refusal(() =>
        addRoutingRule(t.ctx, {
          match: { labels: { env: bad } },
          target: { boardName: "Service Desk" },
        }),
      ),
    ).toMatchObject({ code: "CWB_ERR_ALERT_ROUTING_RULE_INVALID" });
    expect(
      await refusal(() =>
        addRoutingRule(t.ctx, { match: {}, target: { boardName: "Service Desk", typeName: bad } }),
      ),
    ).toMatchObject({ code: "CWB_ERR_ALERT_ROUTING_RULE_INVALID" });
    expect(
      await refusal(() => writeAlertSettings(t.ctx, t.connectionId, { closeStatusName: bad })),
    ).toMatchObject({ code: "CWB_ERR_ALERT_SETTINGS_INVALID" });

    expect(await snapshot()).toEqual(before);
  });

  it("still reads rules and alert settings stored before the rule (control characters kept)", async () => {
    const label = "pr\u001bod";
    const { settings_json: settings } = await t.ctx.store.db
      .selectFrom("connections")
      .select("settings_json")
      .where("id", "=", t.connectionId)
      .executeTakeFirstOrThrow();
    await t.ctx.store.db
      .insertInto("routing_rules")
      .values({
        tenant: "default",
        id: "old-rule",
        source_id: null,
        position: 0,
        match_json: JSON.stringify({ labels: { env: label } }),
        target_json: JSON.stringify({ boardName: "Service\u0001Desk" }),
        created_at: new Date().toISOString(),
      })
      .execute();
    await t.ctx.store.db
      .updateTable("connections")
      .set({ settings_json: JSON.stringify({ alerts: { closeStatusName: "Closed\u0002" } }) })
      .where("id", "=", t.connectionId)
      .execute();
    try {
      expect((await listRoutingRules(t.ctx)).map((r) => r.rule.match.labels)).toEqual([
        { env: label },
      ]);
      expect(await readAlertSettings(t.ctx.scope.db, t.connectionId)).toMatchObject({
        closeStatusName: "Closed\u0002",
      });
    } finally {
      await t.ctx.store.db.deleteFrom("routing_rules").execute();
      await t.ctx.store.db
        .updateTable("connections")
        .set({ settings_json: settings })
        .where("id", "=", t.connectionId)
        .execute();
    }
  });

  it.each([
    [
      "json",
      (name: string) =>
        `[\n${JSON.stringify(device(1))},\n{"externalId":"d2","customerId":"c1","name":"${name}","type":"T"}\n]\n`,
      3,
    ],
    [
      "ndjson",
      (name: string) =>
        `${JSON.stringify(device(1))}\n{"externalId":"d2","customerId":"c1","name":"${name}","type":"T"}\n`,
      2,
    ],
    [
      "csv",
      (name: string) => `externalId,customerId,name,type\nd1,c1,PC-1,T\nd2,c1,${name},T\n`,
      3,
    ],
  ] as const)(
    "a %s snapshot with bytes that are not UTF-8 is refused naming the line; no device is removed",
    async (format, file, line) => {
      const before = await snapshot();
      const [head, tail] = file("PC-\u0000").split("\u0000") as [string, string];
      const bytes = Buffer.concat([
        Buffer.from(head),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(tail),
      ]);
      // One byte at a time: chunk boundaries anywhere, also inside the bad sequence.
      const chunks = [...bytes].map((b) => Uint8Array.of(b));
      const error = await refusal(() =>
        pushDevices(t.ctx, sourceId, readDevicesFile(chunks, format), { mode: "snapshot" }),
      );
      expect(error).toMatchObject({
        code: "CWB_ERR_DEVICE_FILE_INVALID",
        message: `malformed ${format.toUpperCase()}, line ${line}: not valid UTF-8 text`,
      });
      expect(await snapshot()).toEqual(before);
      expect(before.devices.map((d) => d["external_id"])).toEqual(["d1", "d2"]);
    },
  );
});
