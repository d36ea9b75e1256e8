import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import type { SourceError } from "./errors.js";
import { hashSourceToken } from "./source-token.js";
import {
  addSource,
  findSourceByToken,
  getSource,
  listSources,
  rotateSourceToken,
  sourceConnectionId,
} from "./sources-service.js";

describe.each(TEST_DIALECTS)("sources (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
  });
  afterAll(async () => {
    await t.close();
  });

  it("adds a source with a one-time token; only its SHA-256 is stored", async () => {
    const { source, token } = await addSource(t.ctx, {
      name: "Level RMM",
      kind: "generic",
      connectionId: t.connectionId,
    });
    expect(token).toMatch(/^cwbs_[A-Za-z0-9_-]{43}$/);
    expect(source).toMatchObject({
      name: "Level RMM",
      kind: "generic",
      connectionId: t.connectionId,
      hasToken: true,
    });
    const row = await t.ctx.store.db
      .selectFrom("sources")
      .selectAll()
      .where("id", "=", source.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSourceToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(await getSource(t.ctx, source.id))).not.toContain(row.token_hash ?? "-");
    expect((await findSourceByToken(t.ctx, token))?.id).toBe(source.id);
    expect(await sourceConnectionId(t.ctx, source.id)).toBe(t.connectionId);
  });

  it("rotates the token: the old one stops working", async () => {
    const { source, token } = await addSource(t.ctx, {
      name: "rotating",
      connectionId: t.connectionId,
    });
    const rotated = await rotateSourceToken(t.ctx, source.id);
    expect(rotated.token).not.toBe(token);
    expect(await findSourceByToken(t.ctx, token)).toBeUndefined();
    expect((await findSourceByToken(t.ctx, rotated.token))?.id).toBe(source.id);
  });

  it("lists sources by name and refuses bad input, duplicates and unknown ids", async () => {
    expect((await listSources(t.ctx)).map((s) => s.name)).toEqual(["Level RMM", "rotating"]);
    const codes = async (p: Promise<unknown>) =>
      ((await p.catch((e: unknown) => e)) as SourceError).code;
    expect(await codes(addSource(t.ctx, { name: "", connectionId: t.connectionId }))).toBe(
      "CWB_ERR_SOURCE_INVALID",
    );
    expect(
      await codes(addSource(t.ctx, { name: "x", kind: "Bad Kind", connectionId: t.connectionId })),
    ).toBe("CWB_ERR_SOURCE_INVALID");
    const extra = {
      name: "x",
      connectionId: t.connectionId,
      token: "mine",
    } as unknown as Parameters<typeof addSource>[1];
    expect(await codes(addSource(t.ctx, extra))).toBe("CWB_ERR_SOURCE_INVALID");
    expect(await codes(addSource(t.ctx, { name: "Level RMM", connectionId: t.connectionId }))).toBe(
      "CWB_ERR_SOURCE_EXISTS",
    );
    expect(await codes(addSource(t.ctx, { name: "y", connectionId: "nope" }))).toBe(
      "CWB_ERR_SOURCE_CONNECTION_NOT_FOUND",
    );
    expect(await codes(getSource(t.ctx, "nope"))).toBe("CWB_ERR_SOURCE_NOT_FOUND");
    expect(await codes(rotateSourceToken(t.ctx, "nope"))).toBe("CWB_ERR_SOURCE_NOT_FOUND");
    expect(await findSourceByToken(t.ctx, "")).toBeUndefined();
  });
});
