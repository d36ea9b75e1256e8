/**
 * Authentication: `Authorization: Basic base64(company+public:private)` must match a seed API
 * key and the login company (case-insensitive), and `clientId` must be one of the seed's.
 * Anything else is a 401 `Unauthorized` in ConnectWise's shape.
 */
import { CwHttpError } from "./errors.js";
import { refId } from "./hooks/hook-utils.js";
import type { AuthMember } from "./resource-def.js";
import type { Store } from "./store.js";
import type { Entity, SeedData } from "./types.js";

function unauthorized(message: string): CwHttpError {
  return new CwHttpError(401, "Unauthorized", message);
}

interface BasicCredentials {
  readonly company: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/** Parses `Basic base64(company+public:private)`; undefined when malformed. */
export function parseBasic(header: string | null): BasicCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const plus = decoded.indexOf("+");
  if (colon < 0 || plus < 0 || plus > colon) return undefined;
  return {
    company: decoded.slice(0, plus),
    publicKey: decoded.slice(plus + 1, colon),
    privateKey: decoded.slice(colon + 1),
  };
}

function findMember(
  store: Store,
  identifier: string,
): { row: Entity; table: AuthMember["table"] } | undefined {
  const lower = identifier.toLowerCase();
  for (const table of ["apiMembers", "members"] as const) {
    const row = store
      .table(table)
      .rows.find((r) => String(r["identifier"]).toLowerCase() === lower);
    if (row) return { row, table };
  }
  return undefined;
}

/**
 * Authenticates a request; throws 401 on any mismatch.
 *
 * @example
 * const member = authenticate({ seed, store }, request.headers);
 */
export function authenticate(
  context: { seed: SeedData; store: Store },
  headers: Headers,
): AuthMember {
  const { seed, store } = context;
  const credentials = parseBasic(headers.get("authorization"));
  if (!credentials)
    throw unauthorized(
      "Authorization header is missing or not Basic company+publicKey:privateKey.",
    );
  const key = seed.apiKeys.find(
    (k) => k.publicKey === credentials.publicKey && k.privateKey === credentials.privateKey,
  );
  if (!key || credentials.company.toLowerCase() !== seed.companyId.toLowerCase()) {
    throw unauthorized("The API keys or company id are not valid.");
  }
  const clientId = headers.get("clientid")?.trim().toLowerCase();
  if (!clientId)
    throw unauthorized("A clientId header is required (see developer.connectwise.com/ClientID).");
  if (!seed.clientIds.some((id) => id.toLowerCase() === clientId)) {
    throw unauthorized("The clientId is not valid.");
  }
  const found = findMember(store, key.memberIdentifier);
  if (!found || found.row["inactiveFlag"] === true)
    throw unauthorized("The member of these API keys is inactive or unknown.");
  return {
    id: found.row.id,
    identifier: String(found.row["identifier"]),
    table: found.table,
    roleId: refId(found.row["securityRole"]),
  };
}
