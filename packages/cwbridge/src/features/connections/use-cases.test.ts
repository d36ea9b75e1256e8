import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { callUseCase } from "../../core/use-case.js";
import { connectionsFeature } from "./feature.js";
import { addConnection, updateConnection, type AddConnectionInput } from "./index.js";

const input: AddConnectionInput = {
  name: "acme",
  site: "na",
  companyId: "acme",
  publicKey: "pubKey1234",
  privateKey: "priv-SECRET-value-1",
  clientId: "11111111-2222-3333-4444-555555555555",
};

describe("the use cases of connections, sources, permissions, events and keys", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ withConnection: false });
  });
  afterAll(() => t.close());

  it("each publishes its input as a JSON Schema object", () => {
    const { connections, sources, permissions, events, keys } = t.engine.features;
    for (const feature of [connections, sources, permissions, events, keys]) {
      expect(Object.keys(feature.useCases).length).toBeGreaterThan(0);
      for (const [name, useCase] of Object.entries(feature.useCases)) {
        expect(useCase.name).toBe(name);
        expect(z.toJSONSchema(useCase.input, { io: "input" })).toMatchObject({ type: "object" });
      }
    }
  });

  it("bad input to add throws what addConnection throws (every field, the site policy)", async () => {
    const bad = { ...input, companyId: "a b", site: "http://10.0.0.1", extra: 1 };
    const direct = await addConnection(t.ctx, bad as never).catch((e: unknown) => e);
    const viaCase = await callUseCase(t.ctx, connectionsFeature.useCases.add, bad).catch(
      (e: unknown) => e,
    );
    expect(viaCase).toMatchObject({ code: "CWB_ERR_CONNECTION_INVALID" });
    expect(JSON.stringify(viaCase)).toBe(JSON.stringify(direct));
    const policyOnly = { ...input, site: "http://10.0.0.1" };
    await expect(
      callUseCase(t.ctx, connectionsFeature.useCases.add, policyOnly),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED" });
  });

  it("runs the feature's functions: add, get by name, remove", async () => {
    const { add, get, remove, list } = connectionsFeature.useCases;
    const added = await callUseCase(t.ctx, add, input);
    expect(await callUseCase(t.ctx, get, { connection: "acme" })).toEqual(added);
    await expect(callUseCase(t.ctx, get, { connection: "acme", x: 1 })).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_INVALID",
    });
    await callUseCase(t.ctx, remove, { connection: added.id });
    expect(await callUseCase(t.ctx, list, {})).toEqual([]);
  });

  it("bad changes to update throw what updateConnection throws (the stored row's site policy too); not found first", async () => {
    const { add, update, get, remove } = connectionsFeature.useCases;
    const added = await callUseCase(t.ctx, add, { ...input, name: "upd" });
    const changes = { companyId: "a b", allowInsecure: "yes", extra: 1, site: "http://10.0.0.1" };
    const direct = await updateConnection(t.ctx, "upd", changes as never).catch((e: unknown) => e);
    const viaCase = await callUseCase(t.ctx, update, { connection: "upd", changes }).catch(
      (e: unknown) => e,
    );
    expect(viaCase).toMatchObject({ code: "CWB_ERR_CONNECTION_INVALID" });
    expect(JSON.stringify(viaCase)).toBe(JSON.stringify(direct));
    await expect(
      callUseCase(t.ctx, update, { connection: "nope", changes: { extra: 1 } }),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONNECTION_NOT_FOUND" });
    await expect(
      callUseCase(t.ctx, update, { connection: "upd", changes: {}, extra: 1 }),
    ).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_INVALID",
      message: expect.stringContaining('"extra"') as unknown,
    });
    expect(await callUseCase(t.ctx, get, { connection: "upd" })).toEqual(added);
    await callUseCase(t.ctx, remove, { connection: added.id });
  });

  it("sources: findByToken finds the token's source (null for an unknown one)", async () => {
    const { sources, connections } = t.engine.features;
    const connection = await callUseCase(t.ctx, connections.useCases.add, {
      ...input,
      name: "src-conn",
    });
    const { source, token } = await callUseCase(t.ctx, sources.useCases.add, {
      name: "Level",
      connectionId: connection.id,
    });
    const found = await callUseCase(t.ctx, sources.useCases.findByToken, { token });
    expect(found?.id).toBe(source.id);
    expect(await callUseCase(t.ctx, sources.useCases.findByToken, { token: "cwbs_x" })).toBeNull();
    await expect(
      callUseCase(t.ctx, sources.useCases.findByToken, { token: 1 }),
    ).rejects.toMatchObject({ code: "CWB_ERR_SOURCE_INVALID", issues: [{ path: "token" }] });
  });

  it("events: follow is a stream of the events after the cursor, filtered; close() ends it", async () => {
    const { events } = t.engine.features;
    await expect(
      callUseCase(t.ctx, events.useCases.follow, { pollMs: 0, limit: 5 }),
    ).rejects.toMatchObject({
      code: "CWB_ERR_EVENTS_INVALID",
      message: expect.stringContaining("limit: unknown field") as unknown,
    });
    const stream = await callUseCase(t.ctx, events.useCases.follow, { sinceId: 0, pollMs: 10 });
    // One ConnectWise request through the events log: the connection test's first step.
    const probe = await callUseCase(t.ctx, t.engine.features.connections.useCases.add, {
      ...input,
      name: "events-probe",
    });
    await callUseCase(t.ctx, t.engine.features.connections.useCases.test, {
      connection: probe.id,
    }).catch(() => undefined);
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.path);
      if (event.outcome !== "sending") break;
    }
    expect(seen.length).toBeGreaterThan(0);
    const idle = await callUseCase(t.ctx, events.useCases.follow, { pollMs: 10 });
    const next = idle[Symbol.asyncIterator]().next();
    idle.close();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
  });
});
