/**
 * Adding a connection: strict input, SSRF site policy, feature names, unique name; the private
 * key and clientId are encrypted (AES-256-GCM, bound to the row); the connection starts
 * DISABLED (nothing is written to ConnectWise until `enableConnection`).
 */
import { DEFAULT_API_VERSION } from "@cwbridge/connectwise";
import { sealConnectionSecret } from "../../connectwise/connection-secrets.js";
import { ConnectionError } from "../../connectwise/errors.js";
import type { AppContext } from "../../core/context.js";
import { isUniqueViolation } from "../../store/errors.js";
import { newId } from "../../store/ids.js";
import {
  addConnectionSchema,
  zodIssues,
  type AddConnectionInput,
  type ParsedAddConnection,
} from "./input-schema.js";
import {
  bit,
  findConnectionRowByRef,
  insertConnectionRow,
  settingsJson,
  toConnection,
} from "./repository.js";
import type { Connection } from "./types.js";
import { featureIssues, siteIssues, validateInput } from "./validate.js";

/**
 * Adds a connection (disabled). Throws `CWB_ERR_CONNECTION_INVALID` (every bad field listed),
 * `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED` (the site policy is the only problem) or
 * `CWB_ERR_CONNECTION_DUPLICATE_NAME`; on error nothing is stored.
 *
 * @example
 * const c = await addConnection(ctx, { name: "acme", site: "na", companyId: "acme",
 *   publicKey: "pub", privateKey: "priv", clientId: "guid" });
 * c.enabled; // false
 */
export async function addConnection(ctx: AppContext, raw: AddConnectionInput): Promise<Connection> {
  const input = parseAddConnection(raw);
  if ((await findConnectionRowByRef(ctx.scope.db, input.name)) !== undefined) {
    throw duplicateName(input.name);
  }
  const id = newId();
  const now = ctx.clock.now().toISOString();
  const row = {
    id,
    name: input.name,
    site: input.site,
    company_id: input.companyId,
    public_key: input.publicKey,
    private_key_enc: sealConnectionSecret(ctx.keyring, id, "privateKey", input.privateKey),
    client_id: sealConnectionSecret(ctx.keyring, id, "clientId", input.clientId),
    member_id: input.memberId ?? null,
    api_version: input.apiVersion ?? DEFAULT_API_VERSION,
    codebase: null,
    allow_insecure: bit(input.allowInsecure === true),
    enabled: bit(false),
    settings_json: settingsJson(input.settings ?? {}, input.allowOnPrem === true),
    created_at: now,
    updated_at: now,
  };
  try {
    // No customer match to enqueue: a new connection has no sources yet (their customers are
    // matched when pushed, and again whenever the connection is saved).
    await insertConnectionRow(ctx.scope.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name);
    throw error;
  }
  ctx.log.info(
    { connectionId: id, name: input.name, site: input.site },
    "connection added (disabled)",
  );
  return toConnection({ ...row, codebase: null, tenant: ctx.scope.tenant });
}

/**
 * Validates the input of {@link addConnection}: throws `CWB_ERR_CONNECTION_INVALID` (every bad
 * field, the site policy included) or `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED` (nothing else wrong).
 *
 * @example
 * const input = parseAddConnection(raw);
 */
export function parseAddConnection(raw: unknown): ParsedAddConnection {
  return validateInput(
    addConnectionSchema,
    raw,
    {
      site: siteIssues,
      other: (r) => featureIssues((r["settings"] as { features?: unknown } | undefined)?.features),
    },
    zodIssues,
  );
}

/**
 * The duplicate-name error.
 *
 * @example
 * throw duplicateName("acme");
 */
export function duplicateName(name: string): ConnectionError {
  return new ConnectionError(
    "CWB_ERR_CONNECTION_DUPLICATE_NAME",
    `a connection named '${name}' already exists; pick another name or update that one`,
    [{ field: "name", message: "already used by another connection" }],
  );
}
