/**
 * The tenant-scoped handle: the only way a repository reaches the tables. Every builder it
 * hands out is already restricted to one tenant (`where <table>.tenant = ?` on selects,
 * updates and deletes; `tenant` set on every inserted row), so a query cannot be written
 * without the tenant. Entity ids are global UUIDs, so a join along a foreign key stays inside
 * the tenant of the table the query starts from.
 */
import type {
  DeleteQueryBuilder,
  DeleteResult,
  Insertable,
  InsertQueryBuilder,
  InsertResult,
  Kysely,
  SelectQueryBuilder,
  UpdateQueryBuilder,
  UpdateResult,
} from "kysely";
import type { Store, StoreTx, TransactionOptions } from "./open-store.js";
import type { Database } from "./schema.js";

/** A table of the store (every one has a `tenant` column since 0005). */
export type TableName = Extract<keyof Database, string>;

/** The values of an inserted row, without `tenant` (the handle sets it). */
export type TenantInsert<T extends TableName> = Omit<Insertable<Database[T]>, "tenant">;

/** Query builders restricted to one tenant. */
export interface TenantDb {
  readonly tenant: string;
  /** `select … from <table> where <table>.tenant = ?` (add your own conditions). */
  selectFrom<T extends TableName>(table: T): SelectQueryBuilder<Database, T, object>;
  /** `update <table> … where <table>.tenant = ?`; `tenant` itself cannot be set. */
  updateTable<T extends TableName>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult>;
  /** `delete from <table> where <table>.tenant = ?`. */
  deleteFrom<T extends TableName>(table: T): DeleteQueryBuilder<Database, T, DeleteResult>;
  /** `insert into <table>` of rows stamped with the tenant. */
  insertInto<T extends TableName>(
    table: T,
    values: TenantInsert<T> | readonly TenantInsert<T>[],
  ): InsertQueryBuilder<Database, T, InsertResult>;
}

/** The handle inside a transaction. */
export interface TenantTx extends TenantDb {
  /** The raw transaction, for ports that join it (the queue's outbox `enqueue(job, tx)`). */
  readonly storeTx: StoreTx;
}

/** A tenant's view of the store. */
export interface TenantScope {
  readonly tenant: string;
  /** The store's dialect (`sqlite` / `postgres`), for the few dialect-specific queries. */
  readonly dialect: Store["dialect"];
  /** Builders outside a transaction. */
  readonly db: TenantDb;
  /** One transaction (see `Store.transaction`), its handle scoped to the same tenant. */
  transaction<R>(fn: (tx: TenantTx) => Promise<R>, options?: TransactionOptions): Promise<R>;
}

type AnyDb = Kysely<Database>;

/**
 * The builders of `db` (the store or a transaction) restricted to `tenant`.
 *
 * @example
 * const rows = await tenantDb(store.db, "acme").selectFrom("connections").selectAll().execute();
 */
export function tenantDb(db: AnyDb, tenant: string): TenantDb {
  // Kysely cannot type a builder over a table chosen by a type parameter: the handle's own
  // signatures carry the types; these bodies widen the table to the union and go through
  // `never` where Kysely needs it.
  const ref = (table: string) => db.dynamic.ref(`${table}.tenant`);
  const any = (table: TableName): TableName => table;
  return {
    tenant,
    selectFrom: (table) => db.selectFrom(any(table)).where(ref(table), "=", tenant),
    updateTable: (table) => db.updateTable(any(table)).where(ref(table), "=", tenant) as never,
    deleteFrom: (table) => db.deleteFrom(any(table)).where(ref(table), "=", tenant),
    insertInto: (table, values) => {
      const rows = (Array.isArray(values) ? values : [values]) as readonly object[];
      const stamped = rows.map((row) => ({ ...row, tenant }));
      return db.insertInto(any(table)).values(stamped) as never;
    },
  };
}

/**
 * A tenant's view of a store.
 *
 * @example
 * const scope = tenantScope(store, "acme");
 * await scope.transaction(async (tx) => { await tx.insertInto("kv", { key: "k", value: "v" }).execute(); });
 */
export function tenantScope(store: Store, tenant: string): TenantScope {
  return {
    tenant,
    dialect: store.dialect,
    db: tenantDb(store.db, tenant),
    transaction: (fn, options) =>
      store.transaction((tx) => fn({ ...tenantDb(tx as AnyDb, tenant), storeTx: tx }), options),
  };
}
