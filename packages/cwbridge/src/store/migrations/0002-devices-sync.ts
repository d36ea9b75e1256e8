/**
 * 0002: columns the customer-matching and device-sync services need.
 *
 * - `customers.identifier`: the source's short code, matched against a company identifier;
 * - `cw_companies.website`: for domain matching;
 * - `mappings.match_method`, `review_reason`, `candidates_json`: the exact domain match method
 *   (the 0001 `method` column keeps its coarse enum) and the review candidates;
 * - `devices.pushed_json`, `cw_site_id`, `cw_inactive`, `outcome_unknown`, `sync_error`: the
 *   last pushed payload (drives PATCH diffs), where the configuration is, whether we deactivated
 *   it, whether a create's outcome is unknown (search before creating again), a per-device error,
 *   and an ambiguous adoption waiting for a human (`adopt_review`, JSON; never auto-merged).
 */
import { sql, type Kysely, type Migration } from "kysely";

type Db = Kysely<unknown>;

async function addText(db: Db, table: string, column: string): Promise<void> {
  await db.schema.alterTable(table).addColumn(column, "text").execute();
}

async function addFlag(db: Db, table: string, column: string): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn(column, "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`${sql.ref(column)} in (0, 1)`),
    )
    .execute();
}

/** The 0002 migration (same on both dialects). */
export function devicesSync0002(): Migration {
  return {
    up: async (db: Db) => {
      await addText(db, "customers", "identifier");
      await addText(db, "cw_companies", "website");
      await addText(db, "mappings", "match_method");
      await addText(db, "mappings", "review_reason");
      await db.schema
        .alterTable("mappings")
        .addColumn("candidates_json", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
      await addText(db, "devices", "pushed_json");
      await db.schema.alterTable("devices").addColumn("cw_site_id", "integer").execute();
      await addFlag(db, "devices", "cw_inactive");
      await addFlag(db, "devices", "outcome_unknown");
      await addText(db, "devices", "sync_error");
      await addText(db, "devices", "adopt_review");
      await db.schema
        .createIndex("devices_company_idx")
        .on("devices")
        .columns(["source_id", "cw_company_id"])
        .execute();
    },
  };
}
