/**
 * `cwbridge connections add`: a connection from flags; the private key from a flag, a file or
 * stdin. Tested on save (companyinfo → system/info → who-am-I): when the test fails nothing
 * is kept and the command exits 3 naming the failing step, its cause and fix; `--no-test`
 * saves it untested. The connection starts disabled (nothing is written to ConnectWise until
 * `connections enable`, or `--enable`, which only enables a connection that passed its test
 * or was saved with `--no-test`).
 */
import { callUseCase } from "../../core/use-case.js";
import { readFile } from "node:fs/promises";
import type { AddConnectionInput, ConnectionTestResult } from "../../features/connections/index.js";
import { CliError, usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { readAll, strictText, type CliIo } from "../io.js";
import { testLines } from "../render/connection.js";
import type { CliSession } from "../session.js";

/** Flags of `connections add`. */
export interface ConnectionsAddOptions {
  readonly name: string;
  readonly site: string;
  readonly company: string;
  readonly publicKey: string;
  readonly privateKey?: string;
  readonly privateKeyFile?: string;
  readonly privateKeyStdin?: boolean;
  readonly clientId: string;
  readonly memberId?: string;
  readonly apiVersion?: string;
  readonly allowOnPrem?: boolean;
  readonly allowInsecure?: boolean;
  readonly enable?: boolean;
  /** `false` with `--no-test`: save without testing. */
  readonly test?: boolean;
}

/**
 * Adds a connection.
 *
 * @example
 * await connectionsAdd(session, { name: "acme", site: "na", company: "acme", publicKey: "pub", privateKeyStdin: true, clientId: "…" });
 */
export async function connectionsAdd(
  session: CliSession,
  options: ConnectionsAddOptions,
): Promise<CommandResult> {
  const privateKey = await readPrivateKey(options, session.io);
  session.secrets.add([privateKey, options.clientId]);
  const engine = await session.engine();
  const { add, enable, test, remove } = engine.features.connections.useCases;
  let connection = await callUseCase(engine.ctx, add, toInput(options, privateKey));
  let tested: ConnectionTestResult | undefined;
  if (options.test !== false) {
    try {
      tested = await callUseCase(engine.ctx, test, { connection: connection.id });
    } catch (error) {
      await callUseCase(engine.ctx, remove, { connection: connection.id });
      throw error;
    }
    if (!tested.ok) {
      await callUseCase(engine.ctx, remove, { connection: connection.id });
      const failed = tested.steps.find((s) => s.failure !== undefined);
      throw new CliError(
        "CWB_ERR_CLI_CONNECTION_TEST_FAILED",
        `connection '${connection.name}' failed at ${failed?.name ?? "a step"}: ${failed?.failure?.cause ?? "see details"}; ` +
          "nothing was saved (fix the flags and run again, or add --no-test to save it untested)",
        { test: tested },
        testLines(tested),
      );
    }
  }
  if (options.enable === true) {
    connection = await callUseCase(engine.ctx, enable, { connection: connection.id });
  }
  const state = connection.enabled
    ? "ENABLED"
    : `disabled: nothing is written to ConnectWise until \`cwbridge connections enable ${connection.name}\``;
  const added = `added connection '${connection.name}' (${connection.site}, company ${connection.companyId}), ${state}`;
  if (tested === undefined) {
    return result({ connection }, [
      `${added}; not tested (--no-test)`,
      `next: cwbridge connections test ${connection.name}`,
    ]);
  }
  return result({ connection, test: tested }, [
    ...testLines(tested),
    `connection '${connection.name}' works`,
    added,
  ]);
}

/**
 * The private key from exactly one of `--private-key`, `--private-key-file`, `--private-key-stdin`.
 *
 * @example
 * const key = await readPrivateKey({ privateKeyFile: "./key.txt" }, io);
 */
export async function readPrivateKey(
  options: Pick<ConnectionsAddOptions, "privateKey" | "privateKeyFile" | "privateKeyStdin">,
  io: CliIo,
): Promise<string> {
  const given = [
    options.privateKey !== undefined,
    options.privateKeyFile !== undefined,
    options.privateKeyStdin === true,
  ].filter(Boolean).length;
  if (given !== 1) {
    throw usageError(
      "give the private key exactly once: --private-key <key>, --private-key-file <file> or --private-key-stdin",
    );
  }
  if (options.privateKey !== undefined) return options.privateKey.trim();
  if (options.privateKeyFile !== undefined)
    return (await readKeyFile(options.privateKeyFile)).trim();
  const text = (await readAll(io.stdin)).trim();
  if (text === "") throw usageError("--private-key-stdin: stdin was empty");
  return text;
}

async function readKeyFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(
      "CWB_ERR_CLI_FILE",
      `cannot read the private key file ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
    );
  }
  return strictText(bytes, `the private key file ${path}`);
}

function toInput(options: ConnectionsAddOptions, privateKey: string): AddConnectionInput {
  return {
    name: options.name,
    site: options.site,
    companyId: options.company,
    publicKey: options.publicKey,
    privateKey,
    clientId: options.clientId,
    ...(options.memberId === undefined ? {} : { memberId: options.memberId }),
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
    ...(options.allowOnPrem === true ? { allowOnPrem: true } : {}),
    ...(options.allowInsecure === true ? { allowInsecure: true } : {}),
  };
}
