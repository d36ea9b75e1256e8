/**
 * The sources repository: the only code that touches `sources`, through the tenant-scoped
 * handle (a tenant sees and changes its own sources only); row ↔ domain mapping too.
 */
import type { Selectable } from "kysely";
import type { SourcesTable } from "../../store/schema.js";
import type { TenantDb, TenantInsert } from "../../store/tenant-scope.js";

/** A stored source row. */
export type SourceRow = Selectable<SourcesTable>;

/** A source: a tool that pushes customers, devices and alerts. */
export interface Source {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly connectionId: string | null;
  /** Whether a bearer token is set (the token itself is never readable). */
  readonly hasToken: boolean;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function parseSettings(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * A `sources` row as a {@link Source} (the token hash is left out).
 *
 * @example
 * const source = toSource(row);
 */
export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    connectionId: row.connection_id,
    hasToken: row.token_hash !== null,
    settings: parseSettings(row.settings_json),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Inserts a source row (stamped with the handle's tenant).
 *
 * @example
 * await insertSourceRow(ctx.scope.db, row);
 */
export async function insertSourceRow(db: TenantDb, row: TenantInsert<"sources">): Promise<void> {
  await db.insertInto("sources", row).execute();
}

/**
 * Every source row of the tenant, by name.
 *
 * @example
 * const rows = await listSourceRows(ctx.scope.db);
 */
export async function listSourceRows(db: TenantDb): Promise<SourceRow[]> {
  return db.selectFrom("sources").selectAll().orderBy("name").execute();
}

/**
 * One source row by id (in the tenant).
 *
 * @example
 * const row = await findSourceRow(ctx.scope.db, id);
 */
export async function findSourceRow(db: TenantDb, id: string): Promise<SourceRow | undefined> {
  return db.selectFrom("sources").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * One source row by the hash of its bearer token (in the tenant).
 *
 * @example
 * const row = await findSourceRowByTokenHash(ctx.scope.db, hashSourceToken(token));
 */
export async function findSourceRowByTokenHash(
  db: TenantDb,
  tokenHash: string,
): Promise<SourceRow | undefined> {
  return db
    .selectFrom("sources")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/**
 * Replaces a source's token hash; returns whether the source exists (in the tenant).
 *
 * @example
 * await setSourceTokenHash(ctx.scope.db, id, hash, nowIso());
 */
export async function setSourceTokenHash(
  db: TenantDb,
  id: string,
  tokenHash: string,
  updatedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable("sources")
    .set({ token_hash: tokenHash, updated_at: updatedAt })
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Whether any source sends to connection `connectionId` (its customers can then be matched).
 *
 * @example
 * if (await connectionHasSources(tx, connectionId)) await enqueueMatch();
 */
export async function connectionHasSources(db: TenantDb, connectionId: string): Promise<boolean> {
  const row = await db
    .selectFrom("sources")
    .select("id")
    .where("connection_id", "=", connectionId)
    .executeTakeFirst();
  return row !== undefined;
}
