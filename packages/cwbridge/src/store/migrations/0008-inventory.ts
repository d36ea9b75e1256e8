/**
 * 0008: the user inventory (issue #9, Perimeters): ConnectWise members and the contacts of
 * mapped companies, read into the store, and the sync cursors of those reads.
 *
 * - `inventory_members`: one row per (connection, member id);
 * - `inventory_contacts`: one row per (connection, contact id), with the company it belongs to
 *   and the e-mail / phone taken from its communication items;
 * - `inventory_cursors`: per connection, the `_info/lastUpdated` high-water mark of the member
 *   and contact reads (`company_id` 0), and per mapped company when it was last read in full.
 *
 * Both row tables keep `inactive` (ConnectWise's `inactiveFlag`) and `deleted` (no longer
 * returned by a full pass) flags; `seen_at` is the stamp of the refresh that last returned the
 * row (a full pass marks the rows it did not see as deleted). Every table has the `tenant`
 * column (no default: the tenant-scoped handle always sets it). Independent of 0007.
 */
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from "kysely";

type Db = Kysely<unknown>;

const flag = (name: string) => (c: ColumnDefinitionBuilder) =>
  c
    .notNull()
    .defaultTo(0)
    .check(sql`${sql.ref(name)} in (0, 1)`);

async function createMembers(db: Db): Promise<void> {
  await db.schema
    .createTable("inventory_members")
    .addColumn("tenant", "text", (c) => c.notNull())
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("cw_id", "integer", (c) => c.notNull())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("license_class", "text")
    .addColumn("inactive", "integer", flag("inactive"))
    .addColumn("deleted", "integer", flag("deleted"))
    .addColumn("cw_last_updated", "text")
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("inventory_members_pk", ["connection_id", "cw_id"])
    .execute();
  await db.schema
    .createIndex("inventory_members_tenant_idx")
    .on("inventory_members")
    .columns(["tenant", "connection_id", "cw_id"])
    .execute();
}

async function createContacts(db: Db): Promise<void> {
  await db.schema
    .createTable("inventory_contacts")
    .addColumn("tenant", "text", (c) => c.notNull())
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("cw_id", "integer", (c) => c.notNull())
    .addColumn("company_id", "integer", (c) => c.notNull())
    .addColumn("company_identifier", "text")
    .addColumn("company_name", "text")
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("inactive", "integer", flag("inactive"))
    .addColumn("deleted", "integer", flag("deleted"))
    .addColumn("cw_last_updated", "text")
    .addColumn("seen_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("inventory_contacts_pk", ["connection_id", "cw_id"])
    .execute();
  await db.schema
    .createIndex("inventory_contacts_tenant_idx")
    .on("inventory_contacts")
    .columns(["tenant", "connection_id", "cw_id"])
    .execute();
  await db.schema
    .createIndex("inventory_contacts_company_idx")
    .on("inventory_contacts")
    .columns(["connection_id", "company_id", "seen_at"])
    .execute();
}

async function createCursors(db: Db): Promise<void> {
  await db.schema
    .createTable("inventory_cursors")
    .addColumn("tenant", "text", (c) => c.notNull())
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`${sql.ref("kind")} in ('members', 'contacts', 'company')`),
    )
    .addColumn("company_id", "integer", (c) => c.notNull())
    .addColumn("last_updated", "text")
    .addColumn("synced_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("inventory_cursors_pk", ["connection_id", "kind", "company_id"])
    .execute();
}

/** The 0008 migration (same on both dialects). */
export function inventory0008(): Migration {
  return {
    up: async (db: Db) => {
      await createMembers(db);
      await createContacts(db);
      await createCursors(db);
    },
  };
}
