/**
 * Secrets never appear in logs, events, errors or responses: a private key and a clientId
 * are planted in the emulator's seed, every path that touches them runs (add, list, get,
 * update, test with good and bad credentials, reads, 403/404/400 errors, invalid input,
 * permission check, key rotation), and every log line, every stored row (request_log, kv,
 * jobs, connections) and every returned value or thrown error is searched for them.
 */
import { inspect } from "node:util";
import { resolveSeed } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addConnection,
  enableConnection,
  getConnection,
  listConnections,
  testConnection,
  updateConnection,
} from "../features/connections/index.js";
import { queryEvents } from "../features/events/index.js";
import { rotateKeys } from "../features/keys/index.js";
import { checkPermissions, latestPermissionReport } from "../features/permissions/index.js";
import { TEST_DIALECTS } from "../store/testing/test-stores.js";
import { createTestApp, emulatorConnectionInput, type TestApp } from "./testing/test-app.js";

const PRIVATE_KEY = "PLANTED-private-Zq7w2x9K4m";
const CLIENT_ID = "c0ffee00-dead-4bee-8f00-planted0c1d";

function plantedSeed(): ReturnType<typeof resolveSeed> {
  const seed = resolveSeed("demo");
  const [first, ...rest] = seed.apiKeys;
  if (first === undefined) throw new Error("demo seed has no API key");
  return {
    ...seed,
    clientIds: [CLIENT_ID],
    apiKeys: [{ ...first, privateKey: PRIVATE_KEY }, ...rest],
  };
}

/** Every form a secret could leak in. */
function needles(companyId: string, publicKey: string): string[] {
  const basic = `${companyId}+${publicKey}:${PRIVATE_KEY}`;
  return [
    PRIVATE_KEY,
    CLIENT_ID,
    encodeURIComponent(PRIVATE_KEY),
    Buffer.from(basic).toString("base64").replace(/=+$/, ""),
  ];
}

describe.each(TEST_DIALECTS)("no secret leaks on %s", (dialect) => {
  let t: TestApp;
  const outputs: unknown[] = [];
  const capture = async (run: () => Promise<unknown>): Promise<void> => {
    try {
      outputs.push(await run());
    } catch (error) {
      outputs.push(error);
    }
  };

  beforeAll(async () => {
    t = await createTestApp({
      dialect,
      seed: plantedSeed(),
      captureLogs: true,
      withConnection: false,
    });
  });
  afterAll(() => t.close());

  it("runs every path that handles the secrets", async () => {
    const input = emulatorConnectionInput(t.emulator, { name: "planted" });
    expect(input.privateKey).toBe(PRIVATE_KEY);
    const c = await addConnection(t.ctx, input);
    outputs.push(c, await listConnections(t.ctx), await getConnection(t.ctx, c.id));
    await capture(() => addConnection(t.ctx, input)); // duplicate name
    await capture(() =>
      addConnection(t.ctx, { ...input, name: "bad", privateKey: `${PRIVATE_KEY} x` }),
    );
    await capture(() =>
      addConnection(t.ctx, { ...input, name: "", clientId: `${CLIENT_ID}\n`, site: "ftp://x" }),
    );
    await capture(() =>
      updateConnection(t.ctx, c.id, { privateKey: PRIVATE_KEY, settings: { severity: "High" } }),
    );
    await capture(() => testConnection(t.ctx, c.id));
    await capture(() => testConnection(t.ctx, { ...input, name: undefined } as never));
    const { name: _name, ...adHoc } = input;
    await capture(() => testConnection(t.ctx, { ...adHoc, clientId: "wrong-client-id" }));
    await capture(() => testConnection(t.ctx, { ...adHoc, companyId: "nosuchco" }));
    await capture(() => testConnection(t.ctx, { ...adHoc, publicKey: "wrongPublic" }));
    const cw = await t.ctx.clients.forConnection(c.id);
    await capture(() => cw.request("POST", "/company/companies", { body: { name: "x" } })); // disabled
    await enableConnection(t.ctx, c.id);
    await capture(() => cw.system.info());
    await capture(() => cw.request("GET", "/service/tickets/987654"));
    await capture(() => cw.request("POST", "/company/companies", { body: { name: "" } }));
    await capture(() =>
      cw.collect("/company/companies", { conditions: `name = "${PRIVATE_KEY}"` }),
    );
    await capture(() => checkPermissions(t.ctx, c.id));
    await capture(() => latestPermissionReport(t.ctx, c.id));
    await capture(() => rotateKeys(t.ctx));
    t.ctx.clients.invalidate(c.id);
    await capture(async () => (await t.ctx.clients.forConnection(c.id)).system.myMember());
    outputs.push(await queryEvents(t.ctx, { limit: 1000 }));
    t.ctx.log.info({ privateKey: PRIVATE_KEY, nested: { clientId: CLIENT_ID } }, "structured");
    t.ctx.log.warn(`free text ${PRIVATE_KEY} and ${CLIENT_ID}`);
    expect(t.emulator.ledger.requests().length).toBeGreaterThan(5);
  });

  it("finds the planted secrets nowhere", async () => {
    const c = await getConnection(t.ctx, "planted");
    const search = needles(t.emulator.credentials.companyId, t.emulator.credentials.publicKey);
    const tables = await Promise.all(
      (["request_log", "kv", "jobs", "connections"] as const).map((name) =>
        t.ctx.store.db.selectFrom(name).selectAll().execute(),
      ),
    );
    const texts = [
      ...t.logs,
      JSON.stringify(tables),
      ...outputs.map((o) => JSON.stringify(o) ?? ""),
      ...outputs.map((o) => inspect(o, { depth: 8 })),
      ...outputs
        .filter((o): o is Error => o instanceof Error)
        .map((e) => `${e.message}\n${e.stack ?? ""}`),
    ];
    expect(t.logs.length).toBeGreaterThan(5);
    expect(t.logs.join("\n")).toContain("[REDACTED]");
    for (const needle of search) {
      const hits = texts.filter((text) => text.includes(needle));
      expect({ needle, hits: hits.map((h) => h.slice(0, 300)) }).toEqual({ needle, hits: [] });
    }
    expect(c.hasPrivateKey).toBe(true);
  });
});
