/**
 * Row ↔ domain mapping of the `sources` table.
 */
import type { Selectable } from "kysely";
import type { SourcesTable } from "../../store/schema.js";

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
 * const source = toSource(await db.selectFrom("sources").selectAll().where("id", "=", id).executeTakeFirstOrThrow());
 */
export function toSource(row: Selectable<SourcesTable>): Source {
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
