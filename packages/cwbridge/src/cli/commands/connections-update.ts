/**
 * `cwbridge connections update <name>`: changes only the fields given (flags as for
 * `connections add`, plus `--rename`); the private key from a flag, a file or stdin. Every field
 * is validated before anything is stored (bad input → exit 2, nothing changed). The private key
 * and clientId are write-only: scrubbed from all output, never in the result. `--test` runs the
 * connection test afterwards (exit 3 when it fails; the update is kept).
 */
import { callUseCase } from "../../core/use-case.js";
import type { Connection, UpdateConnectionInput } from "../../features/connections/index.js";
import { CliError, usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import type { CliIo } from "../io.js";
import type { CliSession } from "../session.js";
import { readPrivateKey } from "./connections-add.js";
import { connectionsTest } from "./connections-test.js";

/** Flags of `connections update`. */
export interface ConnectionsUpdateOptions {
  readonly name: string;
  readonly rename?: string;
  readonly site?: string;
  readonly company?: string;
  readonly publicKey?: string;
  readonly privateKey?: string;
  readonly privateKeyFile?: string;
  readonly privateKeyStdin?: boolean;
  readonly clientId?: string;
  /** A member id, or `false` (`--no-member-id`) to clear it. */
  readonly memberId?: string | false;
  readonly apiVersion?: string;
  readonly allowOnPrem?: boolean;
  readonly allowInsecure?: boolean;
  readonly test?: boolean;
}

/**
 * Updates a connection.
 *
 * @example
 * await connectionsUpdate(session, { name: "acme", publicKey: "pub2", privateKeyStdin: true, test: true });
 */
export async function connectionsUpdate(
  session: CliSession,
  options: ConnectionsUpdateOptions,
): Promise<CommandResult> {
  const privateKey = await readOptionalPrivateKey(options, session.io);
  session.secrets.add([privateKey, options.clientId].filter((s) => s !== undefined));
  const input = toInput(options, privateKey);
  const changed = Object.keys(input);
  if (changed.length === 0) {
    throw usageError("nothing to update: give at least one field (see connections update --help)");
  }
  const engine = await session.engine();
  const connection = await callUseCase(engine.ctx, engine.features.connections.useCases.update, {
    connection: options.name,
    changes: input,
  });
  const lines = [`updated connection '${connection.name}': ${changed.join(", ")}`];
  if (options.test !== true) {
    return result({ connection }, [...lines, `next: cwbridge connections test ${connection.name}`]);
  }
  return withTest(connection, lines, () => connectionsTest(session, { name: connection.name }));
}

async function withTest(
  connection: Connection,
  lines: readonly string[],
  test: () => Promise<CommandResult>,
): Promise<CommandResult> {
  try {
    const tested = await test();
    const data = tested.data as { readonly test: unknown };
    return result({ connection, test: data.test }, [...lines, ...tested.human]);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const details = (error.details ?? {}) as Record<string, unknown>;
    throw new CliError(
      error.code,
      `${lines.join("; ")}, but ${error.message}`,
      { ...details, connection },
      error.humanDetail,
    );
  }
}

/**
 * The private key when one of `--private-key`, `--private-key-file`, `--private-key-stdin` is
 * given (at most one), else undefined.
 *
 * @example
 * await readOptionalPrivateKey({}, io) // undefined
 */
export async function readOptionalPrivateKey(
  options: Pick<ConnectionsUpdateOptions, "privateKey" | "privateKeyFile" | "privateKeyStdin">,
  io: CliIo,
): Promise<string | undefined> {
  const none =
    options.privateKey === undefined &&
    options.privateKeyFile === undefined &&
    options.privateKeyStdin !== true;
  return none ? undefined : readPrivateKey(options, io);
}

function toInput(
  options: ConnectionsUpdateOptions,
  privateKey: string | undefined,
): UpdateConnectionInput {
  return {
    ...(options.rename === undefined ? {} : { name: options.rename }),
    ...(options.site === undefined ? {} : { site: options.site }),
    ...(options.company === undefined ? {} : { companyId: options.company }),
    ...(options.publicKey === undefined ? {} : { publicKey: options.publicKey }),
    ...(privateKey === undefined ? {} : { privateKey }),
    ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
    ...(options.memberId === undefined
      ? {}
      : { memberId: options.memberId === false ? null : options.memberId }),
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
    ...(options.allowOnPrem === undefined ? {} : { allowOnPrem: options.allowOnPrem }),
    ...(options.allowInsecure === undefined ? {} : { allowInsecure: options.allowInsecure }),
  };
}
