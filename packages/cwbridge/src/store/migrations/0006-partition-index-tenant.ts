/**
 * 0006: the partition index covers the tenant.
 *
 * - `mappings_partition_idx` becomes `mappings(source_id, cw_company_id, customer_external_id,
 *   tenant)`: the partition load (then one subquery of `features/devices/partition-repository.ts`;
 *   now customers' `partitionMappingsQuery`) also filters `mappings.tenant = ?` (the
 *   tenant-scoped handle). Without `tenant` in the index, SQLite has to read every mapping row of
 *   the company from the table; with it, the index serves the company's range
 *   (`partition-query-plan.test.ts` keeps that plan). The
 *   leading columns are unchanged, so every query the 0004 index served it still serves.
 */
import type { Kysely, Migration } from "kysely";

type Db = Kysely<unknown>;

/** The 0006 migration (same on both dialects). */
export function partitionIndexTenant0006(): Migration {
  return {
    up: async (db: Db) => {
      await db.schema.dropIndex("mappings_partition_idx").execute();
      await db.schema
        .createIndex("mappings_partition_idx")
        .on("mappings")
        .columns(["source_id", "cw_company_id", "customer_external_id", "tenant"])
        .execute();
    },
  };
}
