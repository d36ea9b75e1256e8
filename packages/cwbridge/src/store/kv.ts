/**
 * The `kv` table: small settings (schema-less), one text value per key, each row a tenant's.
 * The one kv module: every function takes the tenant-scoped handle (`ctx.scope.db`, or a
 * `TenantTx` inside `scope.transaction`), so a value is read, replaced and deleted only in its
 * own tenant. Keys are per tenant (the primary key is `(tenant, key)` since 0007): the same key
 * may hold one value in each tenant.
 */
import type { TenantDb } from "./tenant-scope.js";

/**
 * The value stored under `key` in the handle's tenant, or `undefined`; with `lock`, its row
 * stays locked for the transaction.
 *
 * @example
 * const codebase = await getKv(ctx.scope.db, "codebase:acme");
 * const lease = await getKv(tx, "alerts:lease:k1", { lock: true });
 */
export async function getKv(
  db: TenantDb,
  key: string,
  options: { readonly lock?: boolean } = {},
): Promise<string | undefined> {
  let query = db.selectFrom("kv").select("value").where("key", "=", key);
  // With `lock` the row stays locked for the transaction (PostgreSQL `FOR UPDATE`).
  if (options.lock === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row?.value;
}

/**
 * Stores `value` under `key` unless a row holds the key; true when it was stored.
 *
 * @example
 * if (await insertKvIfAbsent(tx, "alerts:lease:k1", lease)) return true;
 */
export async function insertKvIfAbsent(db: TenantDb, key: string, value: string): Promise<boolean> {
  const inserted = await db
    .insertInto("kv", { key, value })
    .onConflict((oc) => oc.columns(["tenant", "key"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Overwrites the value of an existing key of the handle's tenant (no row is inserted).
 *
 * @example
 * await updateKv(tx, "alerts:lease:k1", renewed);
 */
export async function updateKv(db: TenantDb, key: string, value: string): Promise<void> {
  await db.updateTable("kv").set({ value }).where("key", "=", key).execute();
}

/**
 * Deletes `key` if it still holds `value` (compare-and-delete).
 *
 * @example
 * await deleteKvIfValue(tx, "alerts:lease:k1", lease);
 */
export async function deleteKvIfValue(db: TenantDb, key: string, value: string): Promise<void> {
  await db.deleteFrom("kv").where("key", "=", key).where("value", "=", value).execute();
}

/** Keys per statement (well under SQLite's bound-parameter limit). */
const CHUNK = 500;

/**
 * Stores `value` under `key` in the handle's tenant (insert or replace; the upsert is on
 * `(tenant, key)`, so another tenant's value under the same key is left as it is).
 *
 * @example
 * await setKv(ctx.scope.db, "codebase:acme", "v2025_1");
 */
export async function setKv(db: TenantDb, key: string, value: string): Promise<void> {
  await setKvMany(db, [key], value);
}

/**
 * Sets several keys to one value, in statements of up to 500 keys (same rule as {@link setKv}).
 *
 * @example
 * await setKvMany(ctx.scope.db, ["adopted:s1:250", "adopted:s1:251"], nowIso());
 */
export async function setKvMany(db: TenantDb, keys: readonly string[], value: string) {
  for (let i = 0; i < keys.length; i += CHUNK) {
    await db
      .insertInto(
        "kv",
        keys.slice(i, i + CHUNK).map((key) => ({ key, value })),
      )
      .onConflict((oc) => oc.columns(["tenant", "key"]).doUpdateSet({ value }))
      .execute();
  }
}

/**
 * Which of these keys are set in the handle's tenant.
 *
 * @example
 * const set = await kvKeysSet(tx, ["adopted:s1:250", "adopted:s1:251"]);
 */
export async function kvKeysSet(db: TenantDb, keys: readonly string[]): Promise<Set<string>> {
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
 * The values of the handle's tenant's keys starting with `prefix`.
 *
 * @example
 * const reports = await kvValuesWithPrefix(ctx.scope.db, "devices:report:src-1:");
 */
export async function kvValuesWithPrefix(db: TenantDb, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom("kv")
    .select("value")
    .where("key", "like", `${prefix}%`)
    .execute();
  return rows.map((r) => r.value);
}

/**
 * Removes one key or several; returns whether any existed (in the handle's tenant).
 *
 * @example
 * await deleteKv(ctx.scope.db, "codebase:acme");
 * await deleteKv(tx, ["permissions:report:c1", "permissions:forbidden:c1"]);
 */
export async function deleteKv(db: TenantDb, keys: string | readonly string[]): Promise<boolean> {
  const list = typeof keys === "string" ? [keys] : keys;
  if (list.length === 0) return false;
  const result = await db.deleteFrom("kv").where("key", "in", list).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
