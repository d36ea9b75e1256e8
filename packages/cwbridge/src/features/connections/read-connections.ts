/**
 * Reading connections. Results never contain the private key or the clientId.
 */
import { connectionNotFound } from "../../connectwise/errors.js";
import type { AppContext } from "../../core/context.js";
import {
  findConnectionRowByRef,
  listConnectionRows,
  toConnection,
  type ConnectionRow,
} from "./repository.js";
import type { Connection } from "./types.js";

/**
 * Every connection, by name.
 *
 * @example
 * const all = await listConnections(ctx); // [{ id, name, site, hasPrivateKey: true, … }]
 */
export async function listConnections(ctx: AppContext): Promise<Connection[]> {
  return (await listConnectionRows(ctx.scope.db)).map(toConnection);
}

/**
 * One connection by id or name; throws `CWB_ERR_CONNECTION_NOT_FOUND`.
 *
 * @example
 * const c = await getConnection(ctx, "acme");
 */
export async function getConnection(ctx: AppContext, ref: string): Promise<Connection> {
  return toConnection(await requireConnectionRow(ctx, ref));
}

/**
 * The stored row by id or name; throws `CWB_ERR_CONNECTION_NOT_FOUND`. Holds ciphertext: never return it.
 *
 * @example
 * const row = await requireConnectionRow(ctx, id);
 */
export async function requireConnectionRow(ctx: AppContext, ref: string): Promise<ConnectionRow> {
  const row = await findConnectionRowByRef(ctx.scope.db, ref);
  if (row === undefined) throw connectionNotFound(ref);
  return row;
}
