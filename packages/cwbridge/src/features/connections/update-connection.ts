/**
 * Updating a connection: any subset of the add fields (strict); secrets re-encrypted when
 * given; a changed site or company resets the cached codebase; cached clients are dropped.
 * Settings are merged key by key.
 */
import type { Updateable } from "kysely";
import { sealConnectionSecret } from "../../connectwise/connection-secrets.js";
import type { AppContext } from "../../core/context.js";
import { customerMatchJob } from "../../core/customer-match-job.js";
import { isUniqueViolation } from "../../store/errors.js";
import type { ConnectionsTable } from "../../store/schema.js";
import { duplicateName } from "./add-connection.js";
import { updateConnectionSchema, zodIssues, type UpdateConnectionInput } from "./input-schema.js";
import { requireConnectionRow } from "./read-connections.js";
import {
  bit,
  findConnectionRow,
  findConnectionRowByRef,
  readSettings,
  settingsJson,
  toConnection,
  updateConnectionRow,
  type ConnectionRow,
} from "./repository.js";
import type { Connection } from "./types.js";
import { featureIssues, siteIssues, validateInput } from "./validate.js";

/**
 * Updates a connection by id or name. Throws `CWB_ERR_CONNECTION_NOT_FOUND`,
 * `CWB_ERR_CONNECTION_INVALID`, `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED` (the resulting site fails
 * the site policy, and nothing else is wrong) or `CWB_ERR_CONNECTION_DUPLICATE_NAME`; nothing changes on error.
 *
 * @example
 * await updateConnection(ctx, "acme", { privateKey: "new-private", settings: { severity: "High" } });
 */
export async function updateConnection(
  ctx: AppContext,
  ref: string,
  raw: UpdateConnectionInput,
): Promise<Connection> {
  const { row, current, input } = await parseUpdateConnection(ctx, ref, raw);
  if (input.name !== undefined && input.name !== row.name) {
    const other = await findConnectionRowByRef(ctx.scope.db, input.name);
    if (other !== undefined && other.id !== row.id) throw duplicateName(input.name);
  }
  const patch = toPatch(ctx, row, input, current);
  try {
    await ctx.scope.transaction(async (tx) => {
      await updateConnectionRow(tx, row.id, patch);
      // Customer matching runs by itself on save (the worker runs `customers-match`) when the
      // connection has sources whose customers it could match.
      if (await ctx.links.connectionHasSources(tx, row.id)) {
        await ctx.queue.enqueue(customerMatchJob({ connectionId: row.id }), tx.storeTx);
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name ?? row.name);
    throw error;
  }
  ctx.clients.invalidate(row.id);
  const updated = await findConnectionRow(ctx.scope.db, row.id);
  return toConnection(updated ?? row);
}

type ParsedUpdate = ReturnType<typeof updateConnectionSchema.parse>;

/**
 * Validates the changes of {@link updateConnection} against the stored row: throws
 * `CWB_ERR_CONNECTION_NOT_FOUND`, `CWB_ERR_CONNECTION_INVALID` (every bad field, the site policy
 * of the resulting site included) or `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED`; changes nothing.
 *
 * @example
 * const { row, input } = await parseUpdateConnection(ctx, "acme", { site: "eu" });
 */
export async function parseUpdateConnection(
  ctx: AppContext,
  ref: string,
  raw: unknown,
): Promise<{ row: ConnectionRow; current: ReturnType<typeof readSettings>; input: ParsedUpdate }> {
  const row = await requireConnectionRow(ctx, ref);
  const current = readSettings(row.settings_json);
  const input = validateInput(
    updateConnectionSchema,
    raw,
    {
      site: (r) =>
        siteIssues({
          site: r["site"] ?? row.site,
          allowOnPrem: r["allowOnPrem"] ?? current.allowOnPrem,
          allowInsecure: r["allowInsecure"] ?? row.allow_insecure === 1,
        }),
      other: (r) => featureIssues((r["settings"] as { features?: unknown } | undefined)?.features),
    },
    zodIssues,
  );
  return { row, current, input };
}

function toPatch(
  ctx: AppContext,
  row: ConnectionRow,
  input: ParsedUpdate,
  current: ReturnType<typeof readSettings>,
): Omit<Updateable<ConnectionsTable>, "tenant"> {
  const moved =
    (input.site !== undefined && input.site !== row.site) ||
    (input.companyId !== undefined && input.companyId !== row.company_id);
  const settings = { ...current.settings, ...input.settings };
  return {
    updated_at: ctx.clock.now().toISOString(),
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.site === undefined ? {} : { site: input.site }),
    ...(input.companyId === undefined ? {} : { company_id: input.companyId }),
    ...(input.publicKey === undefined ? {} : { public_key: input.publicKey }),
    ...(input.privateKey === undefined
      ? {}
      : {
          private_key_enc: sealConnectionSecret(
            ctx.keyring,
            row.id,
            "privateKey",
            input.privateKey,
          ),
        }),
    ...(input.clientId === undefined
      ? {}
      : { client_id: sealConnectionSecret(ctx.keyring, row.id, "clientId", input.clientId) }),
    ...(input.memberId === undefined ? {} : { member_id: input.memberId }),
    ...(input.apiVersion === undefined ? {} : { api_version: input.apiVersion }),
    ...(input.allowInsecure === undefined ? {} : { allow_insecure: bit(input.allowInsecure) }),
    ...(moved ? { codebase: null } : {}),
    settings_json: settingsJson(settings, input.allowOnPrem ?? current.allowOnPrem),
  };
}
