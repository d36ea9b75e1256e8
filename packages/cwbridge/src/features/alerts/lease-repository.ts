/**
 * The alerts feature's repository of incident leases: one `kv` row per lease
 * (`alerts:lease:<incident key>`), its value the lease as JSON. Every function takes the
 * tenant-scoped handle of a transaction.
 */
import type { TenantDb } from "../../store/tenant-scope.js";

/**
 * Stores `value` under `key` unless a row is there; true when it was stored.
 *
 * @example
 * if (await insertLeaseIfAbsent(tx, key, value)) return true;
 */
export async function insertLeaseIfAbsent(
  tx: TenantDb,
  key: string,
  value: string,
): Promise<boolean> {
  const inserted = await tx
    .insertInto("kv", { key, value })
    .onConflict((oc) => oc.columns(["tenant", "key"]).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * The value stored under `key`; with `lock` its row stays locked for the transaction
 * (PostgreSQL `FOR UPDATE`).
 *
 * @example
 * const value = await readLeaseValue(tx, key, { lock: canLockRows(scope) });
 */
export async function readLeaseValue(
  tx: TenantDb,
  key: string,
  options: { readonly lock?: boolean } = {},
): Promise<string | undefined> {
  let query = tx.selectFrom("kv").select("value").where("key", "=", key);
  if (options.lock === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row?.value;
}

/**
 * Overwrites the value stored under `key`.
 *
 * @example
 * await writeLeaseValue(tx, key, value);
 */
export async function writeLeaseValue(tx: TenantDb, key: string, value: string): Promise<void> {
  await tx.updateTable("kv").set({ value }).where("key", "=", key).execute();
}

/**
 * Deletes the row under `key` if it still holds `value` (compare-and-delete).
 *
 * @example
 * await deleteLeaseValue(tx, key, value);
 */
export async function deleteLeaseValue(tx: TenantDb, key: string, value: string): Promise<void> {
  await tx.deleteFrom("kv").where("key", "=", key).where("value", "=", value).execute();
}
