/**
 * `cw-emulator` flags (node:util parseArgs) → typed options. Any problem is a
 * {@link CliUsageError} (the bin prints it and exits 2).
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  CustomMembersError,
  customMembersSchema,
  describe,
  parseApiMemberFlag,
  type CustomMembers,
} from "./seeds/custom-members.js";
import type { FaultProfile, ListenOptions } from "./types.js";

export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
  readonly code = "CW_EMULATOR_USAGE";
}

export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: "demo" | "empty";
  readonly randomSeed: number;
  readonly faults: FaultProfile;
  readonly tls: ListenOptions["tls"];
  readonly json: boolean;
  readonly help: boolean;
  /** API members, roles, login company and clientIds to add (empty when none given). */
  readonly members: CustomMembers;
}

export const USAGE = `Usage: cw-emulator [options]
  --port N            port to listen on (default 8080; 0 = any free port)
  --host H            interface (default 127.0.0.1)
  --seed demo|empty   seed data (default demo)
  --random-seed N     PRNG seed for faults (default 1)
  --faults JSON|FILE  fault profile as JSON text or a JSON file
  --tls-cert FILE     serve HTTPS with this certificate (PEM) ...
  --tls-key FILE      ... and this private key (PEM)
  --api-member M+PUB+PRIV[+ROLE]
                      add an API member with its key pair (repeatable); ROLE is a seeded
                      role name (default "cwbridge Integration") or one from --seed-file
  --client-id UUID    accept this clientId too (repeatable)
  --company-id ID     the login company id (default demo)
  --seed-file FILE    JSON {companyId?, clientIds?, roles?, apiMembers?} (see the README)
  --json              print one JSON line {url,codebase,companyId,publicKey,privateKey,clientId}
  --help              this text`;

function integer(
  value: string | undefined,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new CliUsageError(`--${name} must be an integer 0..${max} (got "${value}")`);
  return Number(value);
}

function faultsFrom(value: string | undefined): FaultProfile {
  if (value === undefined) return {};
  const text = value.trim().startsWith("{")
    ? value
    : existsSync(value)
      ? readFileSync(value, "utf8")
      : undefined;
  if (text === undefined)
    throw new CliUsageError(`--faults must be JSON or a readable JSON file (got "${value}")`);
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
      throw new Error("not an object");
    return parsed;
  } catch (error) {
    throw new CliUsageError(
      `--faults is not a JSON object: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function tlsFrom(cert: string | undefined, key: string | undefined): ListenOptions["tls"] {
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined)
    throw new CliUsageError("--tls-cert and --tls-key go together");
  try {
    return { cert: readFileSync(cert), key: readFileSync(key) };
  } catch (error) {
    throw new CliUsageError(
      `cannot read TLS files: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Parses the command line.
 *
 * @example
 * parseCli(["--port", "0", "--seed", "empty", "--json"]);
 */
export function parseCli(args: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        seed: { type: "string" },
        "random-seed": { type: "string" },
        faults: { type: "string" },
        "tls-cert": { type: "string" },
        "tls-key": { type: "string" },
        "api-member": { type: "string", multiple: true },
        "client-id": { type: "string", multiple: true },
        "company-id": { type: "string" },
        "seed-file": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const seed = values.seed ?? "demo";
  if (seed !== "demo" && seed !== "empty")
    throw new CliUsageError(`--seed must be demo or empty (got "${seed}")`);
  return {
    port: integer(values.port, "port", 8080, 65535),
    host: values.host ?? "127.0.0.1",
    seed,
    randomSeed: integer(values["random-seed"], "random-seed", 1, 2 ** 32 - 1),
    faults: faultsFrom(values.faults),
    tls: tlsFrom(values["tls-cert"], values["tls-key"]),
    json: values.json ?? false,
    help: values.help ?? false,
    members: membersFrom({
      file: values["seed-file"],
      apiMembers: values["api-member"] ?? [],
      clientIds: values["client-id"] ?? [],
      companyId: values["company-id"],
    }),
  };
}

function seedFile(path: string | undefined): CustomMembers {
  if (path === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliUsageError(
      `--seed-file must be a readable JSON file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const result = customMembersSchema.safeParse(parsed);
  if (!result.success) throw new CliUsageError(`--seed-file ${path}: ${describe(result.error)}`);
  return result.data;
}

function membersFrom(input: {
  readonly file: string | undefined;
  readonly apiMembers: readonly string[];
  readonly clientIds: readonly string[];
  readonly companyId: string | undefined;
}): CustomMembers {
  const fromFile = seedFile(input.file);
  let flagMembers;
  try {
    flagMembers = input.apiMembers.map(parseApiMemberFlag);
  } catch (error) {
    if (error instanceof CustomMembersError) throw new CliUsageError(error.message);
    throw error;
  }
  const merged = customMembersSchema.safeParse({
    ...fromFile,
    ...(input.companyId === undefined ? {} : { companyId: input.companyId }),
    clientIds: [...(fromFile.clientIds ?? []), ...input.clientIds],
    apiMembers: [...(fromFile.apiMembers ?? []), ...flagMembers],
  });
  if (!merged.success) {
    const text = describe(merged.error)
      .replace(/^clientIds\.\d+: /, "--client-id: ")
      .replace(/^companyId: /, "--company-id: ");
    throw new CliUsageError(text);
  }
  return merged.data;
}
