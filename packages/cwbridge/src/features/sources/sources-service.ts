/**
 * Sources: the tools that push customers, devices and alerts into cwbridge. Each has a bearer
 * token (shown once, stored hashed) and belongs to one ConnectWise connection.
 */
import { z } from "zod";
import { safeString } from "../../domain/safe-text.js";
import type { AppContext } from "../../core/context.js";
import { isUniqueViolation, newId, nowIso } from "../../store/index.js";
import { SourceError } from "./errors.js";
import { findConnectionRow } from "../connections/index.js";
import {
  findSourceRow,
  findSourceRowByTokenHash,
  insertSourceRow,
  listSourceRows,
  setSourceTokenHash,
  toSource,
  type Source,
} from "./repository.js";
import { hashSourceToken, newSourceToken } from "./source-token.js";

/** Input of {@link addSource}. */
export const addSourceInputSchema = z
  .object({
    name: safeString().trim().min(1).max(100).describe("unique name of the source"),
    kind: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/, "lower-case letters, digits and '-', at most 32")
      .default("generic")
      .describe("what pushes through it (generic, alertmanager, grafana, …)"),
    connectionId: safeString()
      .min(1)
      .max(64)
      .describe("id of the ConnectWise connection it belongs to"),
  })
  .strict();

/** Input of {@link addSource} (before defaults). */
export type AddSourceInput = z.input<typeof addSourceInputSchema>;

function invalid(error: z.ZodError): SourceError {
  const detail = error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`);
  return new SourceError("CWB_ERR_SOURCE_INVALID", `invalid source: ${detail.join("; ")}`);
}

/**
 * Validates the input of {@link addSource}; throws `CWB_ERR_SOURCE_INVALID` naming every bad field.
 *
 * @example
 * const { name, kind, connectionId } = parseAddSource(raw);
 */
export function parseAddSource(raw: unknown): z.output<typeof addSourceInputSchema> {
  const parsed = addSourceInputSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

async function assertConnection(ctx: AppContext, connectionId: string): Promise<void> {
  if ((await findConnectionRow(ctx.scope.db, connectionId)) === undefined) {
    throw new SourceError(
      "CWB_ERR_SOURCE_CONNECTION_NOT_FOUND",
      `connection ${connectionId} does not exist`,
    );
  }
}

/**
 * Adds a source; returns it with its bearer token, which is shown only this once.
 *
 * @example
 * const { source, token } = await addSource(ctx, { name: "Level RMM", kind: "generic", connectionId });
 */
export async function addSource(
  ctx: AppContext,
  input: AddSourceInput,
): Promise<{ source: Source; token: string }> {
  const { name, kind, connectionId } = parseAddSource(input);
  await assertConnection(ctx, connectionId);
  const token = newSourceToken();
  const now = nowIso();
  const row = {
    id: newId(),
    name,
    kind,
    connection_id: connectionId,
    token_hash: hashSourceToken(token),
    settings_json: "{}",
    created_at: now,
    updated_at: now,
  };
  try {
    await insertSourceRow(ctx.scope.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new SourceError("CWB_ERR_SOURCE_EXISTS", `a source named "${name}" exists`, {
        cause: error,
      });
    }
    throw error;
  }
  return { source: toSource({ ...row, tenant: ctx.scope.tenant }), token };
}

/**
 * Every source, by name.
 *
 * @example
 * for (const s of await listSources(ctx)) console.log(s.name, s.kind);
 */
export async function listSources(ctx: AppContext): Promise<Source[]> {
  return (await listSourceRows(ctx.scope.db)).map(toSource);
}

/**
 * One source; throws `CWB_ERR_SOURCE_NOT_FOUND` when it does not exist.
 *
 * @example
 * const source = await getSource(ctx, sourceId);
 */
export async function getSource(ctx: AppContext, sourceId: string): Promise<Source> {
  const row = await findSourceRow(ctx.scope.db, sourceId);
  if (row === undefined) {
    throw new SourceError("CWB_ERR_SOURCE_NOT_FOUND", `source ${sourceId} does not exist`);
  }
  return toSource(row);
}

/**
 * Replaces a source's token (the old one stops working at once); returns the new token.
 *
 * @example
 * const { token } = await rotateSourceToken(ctx, sourceId);
 */
export async function rotateSourceToken(
  ctx: AppContext,
  sourceId: string,
): Promise<{ source: Source; token: string }> {
  const token = newSourceToken();
  if (!(await setSourceTokenHash(ctx.scope.db, sourceId, hashSourceToken(token), nowIso()))) {
    throw new SourceError("CWB_ERR_SOURCE_NOT_FOUND", `source ${sourceId} does not exist`);
  }
  return { source: await getSource(ctx, sourceId), token };
}

/**
 * The source a bearer token belongs to, or `undefined` (for the inbound API's auth).
 *
 * @example
 * const source = await findSourceByToken(ctx, bearer); if (!source) return c.text("unauthorized", 401);
 */
export async function findSourceByToken(
  ctx: AppContext,
  token: string,
): Promise<Source | undefined> {
  if (token.length === 0 || token.length > 200) return undefined;
  const row = await findSourceRowByTokenHash(ctx.scope.db, hashSourceToken(token));
  return row === undefined ? undefined : toSource(row);
}

/**
 * The connection of a source; throws when the source does not exist or has no connection.
 *
 * @example
 * const connectionId = await sourceConnectionId(ctx, sourceId);
 */
export async function sourceConnectionId(ctx: AppContext, sourceId: string): Promise<string> {
  const source = await getSource(ctx, sourceId);
  if (source.connectionId === null) {
    throw new SourceError(
      "CWB_ERR_SOURCE_CONNECTION_NOT_FOUND",
      `source ${source.name} has no ConnectWise connection`,
    );
  }
  return source.connectionId;
}
