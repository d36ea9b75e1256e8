/**
 * 0004: an index that serves the partition load.
 *
 * - `mappings_partition_idx` on `mappings(source_id, cw_company_id, customer_external_id)`: the
 *   mapping rows of one company of one source, in one index range. The partition load
 *   (`mappedDevicesQuery` in `services/devices/partition.ts`) starts from them and looks their
 *   devices up by `devices_customer_idx`. Without it (only `mappings_pk` on `(source_id,
 *   customer_external_id)` and `mappings_company_idx` on `(connection_id, cw_company_id)`), the
 *   planner walked every device of the source once per company: O(devices × companies) per sync.
 */
import type { Kysely, Migration } from "kysely";

type Db = Kysely<unknown>;

/** The 0004 migration (same on both dialects). */
export function partitionIndex0004(): Migration {
  return {
    up: async (db: Db) => {
      await db.schema
        .createIndex("mappings_partition_idx")
        .on("mappings")
        .columns(["source_id", "cw_company_id", "customer_external_id"])
        .execute();
    },
  };
}
