import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { callUseCase } from "../../core/use-case.js";
import { connectionsFeature } from "./feature.js";
import { addConnection, type AddConnectionInput } from "./index.js";

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
});
