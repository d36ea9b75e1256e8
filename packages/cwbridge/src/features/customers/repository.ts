/**
 * The customers feature's repository: the only code that touches `customers`, `cw_companies`
 * and `mappings` (for the feature's use cases, and for the device sync and the alerts, which
 * call these functions through the feature's index). Every function takes the tenant-scoped handle
 * (`TenantDb`, or `TenantTx` inside a transaction), so each query is already restricted to
 * one tenant; upserts also refuse to update a conflicting row of another tenant.
 */
import type { Selectable } from "kysely";
import { nowIso } from "../../store/now.js";
import type { TenantDb, TenantInsert } from "../../store/tenant-scope.js";
import type {
  CustomersTable,
  CwCompaniesTable,
  MappingSyncStatus,
  MappingsTable,
} from "../../store/schema.js";

/** A `customers` row as inserted (the handle stamps the tenant). */
export type CustomerValues = TenantInsert<"customers">;
/** A `cw_companies` row as inserted. */
export type CompanyValues = TenantInsert<"cw_companies">;
/** A `mappings` row as written. */
export type MappingValues = TenantInsert<"mappings">;

// ---- customers ----------------------------------------------------------------------------

/**
 * Whether the source has a customer of that id.
 *
 * @example
 * if (!(await customerExists(ctx.scope.db, sourceId, "org-7"))) throw notFound();
 */
export async function customerExists(
  db: TenantDb,
  sourceId: string,
  customerId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("customers")
    .select("external_id")
    .where("source_id", "=", sourceId)
    .where("external_id", "=", customerId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Every customer of a source, by id.
 *
 * @example
 * const customers = await selectCustomers(ctx.scope.db, sourceId);
 */
export async function selectCustomers(
  db: TenantDb,
  sourceId: string,
): Promise<Selectable<CustomersTable>[]> {
  return db
    .selectFrom("customers")
    .selectAll()
    .where("source_id", "=", sourceId)
    .orderBy("external_id")
    .execute();
}

/**
 * Inserts or updates customers (by source and id); a row of another tenant is never updated.
 *
 * @example
 * await upsertCustomers(tx, rows);
 */
export async function upsertCustomers(
  db: TenantDb,
  rows: readonly CustomerValues[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("customers", rows)
    .onConflict((oc) =>
      oc
        .columns(["source_id", "external_id"])
        .doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          display_name: eb.ref("excluded.display_name"),
          identifier: eb.ref("excluded.identifier"),
          domain: eb.ref("excluded.domain"),
          updated_at: eb.ref("excluded.updated_at"),
        }))
        .where("customers.tenant", "=", db.tenant),
    )
    .execute();
}

// ---- cw_companies -------------------------------------------------------------------------

/** Filters of {@link selectCompanies} applied in SQL. */
export interface CompanyRowFilter {
  readonly includeDeleted?: boolean;
  /** Status name, case-insensitive. */
  readonly status?: string;
}

/**
 * The cached companies of a connection, by name then id.
 *
 * @example
 * const rows = await selectCompanies(ctx.scope.db, connectionId, { status: "active" });
 */
export async function selectCompanies(
  db: TenantDb,
  connectionId: string,
  filter: CompanyRowFilter = { includeDeleted: true },
): Promise<Selectable<CwCompaniesTable>[]> {
  let query = db.selectFrom("cw_companies").selectAll().where("connection_id", "=", connectionId);
  if (filter.includeDeleted !== true) query = query.where("deleted", "=", 0);
  const status = filter.status;
  if (status !== undefined) {
    query = query.where((eb) => eb(eb.fn("lower", ["status_name"]), "=", status.toLowerCase()));
  }
  return query.orderBy("name").orderBy("cw_id").execute();
}

/**
 * The newest `fetched_at` of a connection's cached companies (null when none).
 *
 * @example
 * const stamp = nextStamp(await latestCompanyStamp(ctx.scope.db, connectionId), nowIso());
 */
export async function latestCompanyStamp(
  db: TenantDb,
  connectionId: string,
): Promise<string | null> {
  const last = await db
    .selectFrom("cw_companies")
    .select((eb) => eb.fn.max("fetched_at").as("max"))
    .where("connection_id", "=", connectionId)
    .executeTakeFirst();
  return last?.max ?? null;
}

/**
 * Inserts or updates cached companies (by connection and ConnectWise id).
 *
 * @example
 * await upsertCompanies(ctx.scope.db, rows);
 */
export async function upsertCompanies(db: TenantDb, rows: readonly CompanyValues[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("cw_companies", rows)
    .onConflict((oc) =>
      oc
        .columns(["connection_id", "cw_id"])
        .doUpdateSet((eb) => ({
          identifier: eb.ref("excluded.identifier"),
          name: eb.ref("excluded.name"),
          type_ids_json: eb.ref("excluded.type_ids_json"),
          type_names_json: eb.ref("excluded.type_names_json"),
          status_id: eb.ref("excluded.status_id"),
          status_name: eb.ref("excluded.status_name"),
          deleted: eb.ref("excluded.deleted"),
          website: eb.ref("excluded.website"),
          fetched_at: eb.ref("excluded.fetched_at"),
        }))
        .where("cw_companies.tenant", "=", db.tenant),
    )
    .execute();
}

/**
 * Drops a connection's cached companies fetched before `stamp` (no longer returned).
 *
 * @example
 * await deleteCompaniesBefore(ctx.scope.db, connectionId, stamp);
 */
export async function deleteCompaniesBefore(
  db: TenantDb,
  connectionId: string,
  stamp: string,
): Promise<void> {
  await db
    .deleteFrom("cw_companies")
    .where("connection_id", "=", connectionId)
    .where("fetched_at", "<", stamp)
    .execute();
}

// ---- mappings -----------------------------------------------------------------------------

/** Filters of {@link selectMappingsWithNames}. */
export interface MappingRowFilter {
  readonly status?: MappingSyncStatus;
  readonly review?: boolean;
}

/** A mapping row with its customer's name (null when the customer is gone). */
export type MappingWithName = Selectable<MappingsTable> & { readonly customer_name: string | null };

/**
 * The mappings of a source with their customers' names, by customer id.
 *
 * @example
 * const rows = await selectMappingsWithNames(ctx.scope.db, sourceId, { review: true });
 */
export async function selectMappingsWithNames(
  db: TenantDb,
  sourceId: string,
  filter: MappingRowFilter = {},
): Promise<MappingWithName[]> {
  let query = db
    .selectFrom("mappings")
    .leftJoin("customers as c", (join) =>
      join
        .onRef("c.source_id", "=", "mappings.source_id")
        .onRef("c.external_id", "=", "mappings.customer_external_id")
        .onRef("c.tenant", "=", "mappings.tenant"),
    )
    .selectAll("mappings")
    .select("c.name as customer_name")
    .where("mappings.source_id", "=", sourceId);
  if (filter.status !== undefined) query = query.where("mappings.sync_status", "=", filter.status);
  if (filter.review !== undefined) {
    query = query.where("mappings.review", "=", filter.review ? 1 : 0);
  }
  return query.orderBy("mappings.customer_external_id").execute();
}

/**
 * Every mapping row of a source.
 *
 * @example
 * const previous = await selectMappingRows(ctx.scope.db, sourceId);
 */
export async function selectMappingRows(
  db: TenantDb,
  sourceId: string,
): Promise<Selectable<MappingsTable>[]> {
  return db.selectFrom("mappings").selectAll().where("source_id", "=", sourceId).execute();
}

/** Where a customer's mapping points now: its connection, company and site. */
export type MappingTargetRow = Pick<
  Selectable<MappingsTable>,
  "connection_id" | "cw_company_id" | "cw_site_id"
>;

/**
 * The connection, company and site a customer is mapped to now (undefined when it has no
 * mapping; a null company while unmapped).
 *
 * @example
 * const before = await mappingTarget(tx, sourceId, "org-7");
 */
export async function mappingTarget(
  db: TenantDb,
  sourceId: string,
  customerId: string,
): Promise<MappingTargetRow | undefined> {
  return db
    .selectFrom("mappings")
    .select(["connection_id", "cw_company_id", "cw_site_id"])
    .where("source_id", "=", sourceId)
    .where("customer_external_id", "=", customerId)
    .executeTakeFirst();
}

/**
 * Inserts or replaces a customer's mapping (by source and customer id).
 *
 * @example
 * await upsertMapping(tx, values);
 */
export async function upsertMapping(db: TenantDb, values: MappingValues): Promise<void> {
  await db
    .insertInto("mappings", values)
    .onConflict((oc) =>
      oc
        .columns(["source_id", "customer_external_id"])
        .doUpdateSet(values)
        .where("mappings.tenant", "=", db.tenant),
    )
    .execute();
}

/**
 * Inserts a new mapping (a concurrent match that stored it first is overwritten, not a
 * unique-key failure: both computed it from the same customers and companies).
 *
 * @example
 * await insertMapping(tx, values);
 */
export async function insertMapping(db: TenantDb, values: MappingValues): Promise<void> {
  await upsertMapping(db, values);
}

/**
 * Rewrites an existing mapping (found by its source and customer id).
 *
 * @example
 * await updateMapping(tx, values);
 */
export async function updateMapping(db: TenantDb, values: MappingValues): Promise<void> {
  await db
    .updateTable("mappings")
    .set(values)
    .where("source_id", "=", values.source_id)
    .where("customer_external_id", "=", values.customer_external_id)
    .execute();
}

// ---- mappings of a sync partition (the device sync reads and marks them) ------------------

/** A (source, company) partition of mappings: the unit the device sync works on. */
export interface MappingPartition {
  readonly sourceId: string;
  readonly companyId: number;
}

/** Ids per statement (well under SQLite's bound-parameter limit). */
const CHUNK = 500;

/**
 * The mapping rows of one partition, served by `mappings_partition_idx` (migrations 0004,
 * 0006): the first half of the partition load (`features/devices/partition-queries.ts`), which
 * then looks the customers' devices up by `devices_customer_idx`.
 * `features/devices/partition-query-plan.test.ts` keeps that plan.
 *
 * @example
 * const rows = await partitionMappingsQuery(ctx.scope.db, { sourceId, companyId: 250 }).execute();
 */
export function partitionMappingsQuery(db: TenantDb, partition: MappingPartition) {
  return db
    .selectFrom("mappings")
    .select(["customer_external_id", "cw_site_id"])
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId);
}

/**
 * The customers mapped to the partition's company → their mapped site.
 *
 * @example
 * const mappings = await partitionMappings(ctx.scope.db, partition);
 */
export async function partitionMappings(
  db: TenantDb,
  partition: MappingPartition,
): Promise<Map<string, { readonly siteId: number | null }>> {
  const rows = await partitionMappingsQuery(db, partition).execute();
  return new Map(rows.map((m) => [m.customer_external_id, { siteId: m.cw_site_id }]));
}

/** Where a customer is mapped: its company and site. */
export interface MappedTarget {
  readonly companyId: number;
  readonly siteId: number | null;
}

/**
 * The customers mapped to one of `companyIds` → their company and site.
 *
 * @example
 * const mapped = await mappingsOfCompanies(ctx.scope.db, sourceId, [250, 251]);
 */
export async function mappingsOfCompanies(
  db: TenantDb,
  sourceId: string,
  companyIds: readonly number[],
): Promise<Map<string, MappedTarget>> {
  const out = new Map<string, MappedTarget>();
  for (let i = 0; i < companyIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("mappings")
      .select(["customer_external_id", "cw_company_id", "cw_site_id"])
      .where("source_id", "=", sourceId)
      .where("cw_company_id", "in", companyIds.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) {
      if (row.cw_company_id !== null) {
        out.set(row.customer_external_id, { companyId: row.cw_company_id, siteId: row.cw_site_id });
      }
    }
  }
  return out;
}

/**
 * The companies these customers are mapped to (customers not mapped add none).
 *
 * @example
 * const companies = await companiesOfCustomers(ctx.scope.db, sourceId, ["org-1", "org-2"]);
 */
export async function companiesOfCustomers(
  db: TenantDb,
  sourceId: string,
  customerIds: Iterable<string>,
): Promise<Set<number>> {
  const companies = new Set<number>();
  const ids = [...customerIds];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom("mappings")
      .select("cw_company_id")
      .where("source_id", "=", sourceId)
      .where("customer_external_id", "in", ids.slice(i, i + CHUNK))
      .where("cw_company_id", "is not", null)
      .execute();
    for (const row of rows) if (row.cw_company_id !== null) companies.add(row.cw_company_id);
  }
  return companies;
}

/**
 * The customers of a source mapped to a company.
 *
 * @example
 * const mapped = await mappedCustomerIds(ctx.scope.db, sourceId);
 */
export async function mappedCustomerIds(db: TenantDb, sourceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("mappings")
    .select("customer_external_id")
    .where("source_id", "=", sourceId)
    .where("cw_company_id", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.customer_external_id));
}

/**
 * The companies the source's customers are mapped to.
 *
 * @example
 * const companies = await mappedCompanyIds(ctx.scope.db, sourceId); // [250, 251]
 */
export async function mappedCompanyIds(db: TenantDb, sourceId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("mappings")
    .select("cw_company_id")
    .distinct()
    .where("source_id", "=", sourceId)
    .where("cw_company_id", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.cw_company_id === null ? [] : [r.cw_company_id]));
}

/**
 * The companies a push touches: those of these customers' mappings, plus every mapped company
 * not yet synced.
 *
 * @example
 * const companies = await companiesToSync(tx, sourceId, new Set(["org-1"]));
 */
export async function companiesToSync(
  db: TenantDb,
  sourceId: string,
  customers: ReadonlySet<string>,
): Promise<number[]> {
  const companies = await companiesOfCustomers(db, sourceId, customers);
  const synced: MappingSyncStatus = "Synced";
  const pending = await db
    .selectFrom("mappings")
    .select("cw_company_id")
    .distinct()
    .where("source_id", "=", sourceId)
    .where("cw_company_id", "is not", null)
    .where("sync_status", "!=", synced)
    .execute();
  for (const row of pending) if (row.cw_company_id !== null) companies.add(row.cw_company_id);
  return [...companies];
}

/**
 * Moves the partition's mappings whose status is in `from` to `to`, with `last_error`.
 *
 * @example
 * await updatePartitionStatus(ctx.scope.db, partition, "Syncing", ["Unsynced"], null);
 */
export async function updatePartitionStatus(
  db: TenantDb,
  partition: MappingPartition,
  to: MappingSyncStatus,
  from: readonly MappingSyncStatus[],
  lastError: string | null,
): Promise<void> {
  await db
    .updateTable("mappings")
    .set({ sync_status: to, last_error: lastError, updated_at: nowIso() })
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId)
    .where("sync_status", "in", from)
    .execute();
}

/**
 * Sets only `last_error` of the partition's mappings.
 *
 * @example
 * await notePartitionError(ctx.scope.db, partition, "connection is disabled");
 */
export async function notePartitionError(
  db: TenantDb,
  partition: MappingPartition,
  message: string,
): Promise<void> {
  await db
    .updateTable("mappings")
    .set({ last_error: message, updated_at: nowIso() })
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId)
    .execute();
}

/**
 * The cached name of a ConnectWise company (null when not cached).
 *
 * @example
 * await cachedCompanyName(ctx.scope.db, connectionId, 250); // "Acme Corp"
 */
export async function cachedCompanyName(
  db: TenantDb,
  connectionId: string,
  companyId: number,
): Promise<string | null> {
  const row = await db
    .selectFrom("cw_companies")
    .select("name")
    .where("connection_id", "=", connectionId)
    .where("cw_id", "=", companyId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/**
 * A customer's name as people know it (its display name, else its name), if stored.
 *
 * @example
 * const name = await customerName(tx, sourceId, "acme"); // "Acme Corp"
 */
export async function customerName(
  db: TenantDb,
  sourceId: string,
  customerId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("customers")
    .select(["name", "display_name"])
    .where("source_id", "=", sourceId)
    .where("external_id", "=", customerId)
    .executeTakeFirst();
  return row === undefined ? undefined : (row.display_name ?? row.name);
}
