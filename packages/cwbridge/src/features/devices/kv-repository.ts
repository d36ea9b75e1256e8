/**
 * The device sync's kv keys (adopted companies, deactivation approvals, adoption-read coverage,
 * last sync reports), read and written through the tenant-scoped handle: one tenant never sees
 * or overwrites another's keys. (The kv helpers of `store/kv.ts` take the whole store; these
 * stay here until they take a scope.)
 */
import type { TenantDb } from "../../store/tenant-scope.js";

const CHUNK = 500;

/**
 * A key's value (undefined when unset).
 *
 * @example
 * const value = await readKey(ctx.scope.db, coverageKey(sourceId, 250));
 */
export async function readKey(db: TenantDb, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("kv").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/**
 * Whether a key is set.
 *
 * @example
 * if (await hasKey(ctx.scope.db, approvedKey(sourceId, 250))) …
 */
export async function hasKey(db: TenantDb, key: string): Promise<boolean> {
  return (await readKey(db, key)) !== undefined;
}

/**
 * Which of these keys are set.
 *
 * @example
 * const set = await keysSet(tx, [adoptedKey(sourceId, 250), adoptedKey(sourceId, 251)]);
 */
export async function keysSet(db: TenantDb, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db
      .selectFrom("kv")
      .select("key")
      .where("key", "in", keys.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/**
 * Sets keys to one value (a key of another tenant is never overwritten).
 *
 * @example
 * await writeKeys(ctx.scope.db, [adoptedKey(sourceId, 250)], nowIso());
 */
export async function writeKeys(db: TenantDb, keys: readonly string[], value: string) {
  for (let i = 0; i < keys.length; i += CHUNK) {
    await db
      .insertInto(
        "kv",
        keys.slice(i, i + CHUNK).map((key) => ({ key, value })),
      )
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({ value }).where("kv.tenant", "=", db.tenant),
      )
      .execute();
  }
}

/**
 * Sets one key.
 *
 * @example
 * await writeKey(ctx.scope.db, reportKey(sourceId, 250), JSON.stringify(report));
 */
export async function writeKey(db: TenantDb, key: string, value: string): Promise<void> {
  await writeKeys(db, [key], value);
}

/**
 * Deletes a key.
 *
 * @example
 * await deleteKey(ctx.scope.db, approvedKey(sourceId, 250));
 */
export async function deleteKey(db: TenantDb, key: string): Promise<void> {
  await db.deleteFrom("kv").where("key", "=", key).execute();
}

/**
 * The values of the keys starting with `prefix`.
 *
 * @example
 * const reports = await valuesWithPrefix(ctx.scope.db, "devices:report:src-1:");
 */
export async function valuesWithPrefix(db: TenantDb, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom("kv")
    .select("value")
    .where("key", "like", `${prefix}%`)
    .execute();
  return rows.map((r) => r.value);
}
