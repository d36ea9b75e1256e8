/**
 * One operation in flight per incident: a lease row in `kv` (`alerts:lease:<key>`) held while
 * a job (or the reconcile sweep) writes an incident's ticket. Works the same on every queue
 * adapter, so no per-incident queue names are needed (graphile-worker warns against
 * high-cardinality queue names). A lease left by a crashed process expires after its TTL; the
 * same owner (the same job id, re-run after a crash) may take its own lease back at once.
 *
 * Lease writes are relaxed transactions (no wait for the disk): a lease only matters while
 * its holder runs, and a power cut that could lose one stops the holder too.
 */
import { z } from "zod";
import type { Store } from "../../store/open-store.js";
import { canLockRows } from "./incident-repo.js";

/** How long a lease lasts without renewal. */
export const LEASE_TTL_MS = 10 * 60_000;

const leaseSchema = z.object({ owner: z.string(), until: z.number() });

const RELAXED = { durability: "relaxed" } as const;

function leaseKey(incidentKey: string): string {
  return `alerts:lease:${incidentKey}`;
}

/**
 * Takes (or renews) the lease of an incident. Returns false while another owner holds it.
 *
 * @example
 * if (!(await acquireIncidentLease(store, key, `job:${job.id}`, Date.now()))) return reschedule();
 */
export async function acquireIncidentLease(
  store: Store,
  incidentKey: string,
  owner: string,
  nowMs: number,
  ttlMs: number = LEASE_TTL_MS,
): Promise<boolean> {
  const key = leaseKey(incidentKey);
  const value = JSON.stringify({ owner, until: nowMs + ttlMs });
  return store.transaction(async (tx) => {
    const inserted = await tx
      .insertInto("kv")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    let query = tx.selectFrom("kv").select("value").where("key", "=", key);
    if (canLockRows(store)) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    const held = row === undefined ? undefined : leaseSchema.safeParse(JSON.parse(row.value));
    if (held?.success === true && held.data.owner !== owner && held.data.until > nowMs)
      return false;
    await tx.updateTable("kv").set({ value }).where("key", "=", key).execute();
    return true;
  }, RELAXED);
}

/**
 * Releases the lease if `owner` still holds it.
 *
 * @example
 * await releaseIncidentLease(store, key, `job:${job.id}`);
 */
export async function releaseIncidentLease(
  store: Store,
  incidentKey: string,
  owner: string,
): Promise<void> {
  await store.transaction(async (tx) => {
    const key = leaseKey(incidentKey);
    const row = await tx.selectFrom("kv").select("value").where("key", "=", key).executeTakeFirst();
    if (row === undefined) return;
    const held = leaseSchema.safeParse(JSON.parse(row.value));
    if (held.success && held.data.owner !== owner) return;
    await tx.deleteFrom("kv").where("key", "=", key).where("value", "=", row.value).execute();
  }, RELAXED);
}
