/**
 * Tenant isolation of the connections group (connections, sources, permissions, events, keys),
 * on SQLite and PostgreSQL (issue #8, "Proof"): what tenant A makes is invisible to and
 * untouchable from tenant B (lists, reads by id and by name, updates, deletes, the jobs and
 * events it makes), and the same names may exist in both tenants. Tenant A is the test app's
 * default context (with the emulator connection); tenant B is `engine.forTenant("b")`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantPair } from "../../app/testing/tenant-isolation.js";
import {
  createTestApp,
  emulatorConnectionInput,
  type TestApp,
} from "../../app/testing/test-app.js";
import type { AppContext } from "../../core/context.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { latestEventId, pruneEvents, queryEvents } from "../events/index.js";
import { rotateKeys, secretsByKey } from "../keys/index.js";
import {
  checkPermissions,
  latestPermissionReport,
  permissionsJobHandlers,
  PERMISSIONS_CHECK_JOB,
  schedulePermissionCheck,
} from "../permissions/index.js";
import {
  addSource,
  findSourceByToken,
  getSource,
  listSources,
  rotateSourceToken,
} from "../sources/index.js";
import {
  addConnection,
  disableConnection,
  enableConnection,
  getConnection,
  listConnections,
  removeConnection,
  testConnection,
  updateConnection,
} from "./index.js";

const NOT_FOUND = { code: "CWB_ERR_CONNECTION_NOT_FOUND" };

describe.each(TEST_DIALECTS)(
  "tenant isolation of connections, sources, permissions, events, keys on %s",
  (dialect) => {
    let t: TestApp;
    let a: AppContext;
    let b: AppContext;
    beforeAll(async () => {
      t = await createTestApp({ dialect });
      ({ a, b } = tenantPair(t));
    });
    afterAll(() => t.close());

    it("connections: B lists, reads, changes and removes none of A's", async () => {
      const mine = await getConnection(a, t.connectionId);
      expect(await listConnections(b)).toEqual([]);
      await expect(getConnection(b, mine.id)).rejects.toMatchObject(NOT_FOUND);
      await expect(getConnection(b, mine.name)).rejects.toMatchObject(NOT_FOUND);
      await expect(updateConnection(b, mine.id, { companyId: "other" })).rejects.toMatchObject(
        NOT_FOUND,
      );
      await expect(disableConnection(b, mine.name)).rejects.toMatchObject(NOT_FOUND);
      await expect(enableConnection(b, mine.id)).rejects.toMatchObject(NOT_FOUND);
      await expect(removeConnection(b, mine.id)).rejects.toMatchObject(NOT_FOUND);
      await expect(testConnection(b, mine.name)).rejects.toMatchObject(NOT_FOUND);
      await expect(b.clients.forConnection(mine.id)).rejects.toMatchObject(NOT_FOUND);
      expect(await getConnection(a, mine.id)).toEqual(mine);
    });

    it("connections: the same name in both tenants, each seeing its own", async () => {
      const name = (await getConnection(a, t.connectionId)).name;
      const theirs = await addConnection(b, emulatorConnectionInput(t.emulator, { name }));
      expect(theirs.id).not.toBe(t.connectionId);
      expect((await listConnections(b)).map((c) => c.id)).toEqual([theirs.id]);
      expect((await listConnections(a)).map((c) => c.id)).toEqual([t.connectionId]);
      expect((await getConnection(b, name)).id).toBe(theirs.id);
      expect((await getConnection(a, name)).id).toBe(t.connectionId);
      await updateConnection(b, name, { settings: { severity: "High" } });
      expect((await getConnection(a, name)).settings.severity).toBeUndefined();
      await removeConnection(b, name);
      expect((await getConnection(a, name)).id).toBe(t.connectionId);
    });

    it("sources: B lists, reads, re-tokens and authenticates none of A's; same names allowed", async () => {
      const { source, token } = await addSource(a, { name: "rmm", connectionId: t.connectionId });
      expect(await listSources(b)).toEqual([]);
      await expect(getSource(b, source.id)).rejects.toMatchObject({
        code: "CWB_ERR_SOURCE_NOT_FOUND",
      });
      await expect(rotateSourceToken(b, source.id)).rejects.toMatchObject({
        code: "CWB_ERR_SOURCE_NOT_FOUND",
      });
      expect(await findSourceByToken(b, token)).toBeUndefined();
      expect((await findSourceByToken(a, token))?.id).toBe(source.id);
      await expect(
        addSource(b, { name: "rmm", connectionId: t.connectionId }),
      ).rejects.toMatchObject({ code: "CWB_ERR_SOURCE_CONNECTION_NOT_FOUND" });
      const theirConnection = await addConnection(
        b,
        emulatorConnectionInput(t.emulator, { name: "psa" }),
      );
      const theirs = await addSource(b, { name: "rmm", connectionId: theirConnection.id });
      expect((await listSources(b)).map((s) => s.id)).toEqual([theirs.source.id]);
      expect((await listSources(a)).map((s) => s.id)).toEqual([source.id]);
      await removeConnection(b, theirConnection.id);
    });

    it("permissions: B reads no report of A's, and its job for A's connection does nothing", async () => {
      const stored = await checkPermissions(a, t.connectionId);
      await expect(latestPermissionReport(b, t.connectionId)).rejects.toMatchObject(NOT_FOUND);
      await expect(checkPermissions(b, t.connectionId)).rejects.toMatchObject(NOT_FOUND);
      const handler = permissionsJobHandlers[PERMISSIONS_CHECK_JOB];
      const job = { id: "j-b", kind: PERMISSIONS_CHECK_JOB, attempt: 1, tenant: "b" };
      await handler?.(b, {
        ...job,
        payload: { connectionId: t.connectionId, reason: "manual" },
      } as never);
      expect((await latestPermissionReport(a, t.connectionId)).report).toEqual(stored);
    });

    it("permissions: a check scheduled in A is A's job", async () => {
      const id = await schedulePermissionCheck(a, t.connectionId, "manual");
      expect((await t.ctx.queue.getJob(id))?.tenant).toBe(a.tenant);
    });

    it("events: B sees, follows from and prunes none of A's events", async () => {
      await testConnection(a, t.connectionId);
      const mine = await queryEvents(a, { connectionId: t.connectionId, limit: 1000 });
      expect(mine.length).toBeGreaterThan(0);
      expect(await queryEvents(b, { limit: 1000 })).toEqual([]);
      expect(await queryEvents(b, { connectionId: t.connectionId })).toEqual([]);
      expect(await latestEventId(b)).toBe(0);
      expect(await pruneEvents(b, { maxRows: 0 })).toBe(0);
      expect(await queryEvents(a, { connectionId: t.connectionId, limit: 1000 })).toEqual(mine);
    });

    it("keys: a rotation from B re-encrypts A's secrets too (the keyring is the installation's)", async () => {
      await addConnection(b, emulatorConnectionInput(t.emulator, { name: "theirs" }));
      const report = await rotateKeys(b);
      expect(report.reencrypted).toBe(4);
      expect(await secretsByKey(a)).toEqual({ [report.activeKeyId]: 4 });
      t.ctx.clients.invalidate(t.connectionId);
      expect((await testConnection(a, t.connectionId)).ok).toBe(true);
      expect((await testConnection(b, "theirs")).ok).toBe(true);
    });
  },
);
