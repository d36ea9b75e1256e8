/**
 * `cwbridge init`: creates the data directory, the master key file (0600) and the database
 * (migrated), and optionally adds a first connection, tested on save (one whose test fails
 * is not kept; `--no-test` skips the test). Fully scriptable with flags;
 * interactive (readline) when stdin is a TTY and connection flags are missing, unless
 * `--no-input`. Flags are validated BEFORE anything is created.
 */
import { prepareDataDir } from "../../app/data-dir.js";
import { keyFilePath } from "../../secrets/index.js";
import { usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { createPrompter } from "../prompts.js";
import type { CliSession } from "../session.js";
import { connectionsAdd, readPrivateKey, type ConnectionsAddOptions } from "./connections-add.js";

/** Flags of `init`. */
export interface InitOptions extends Partial<ConnectionsAddOptions> {
  /** `false` with `--no-input`: never prompt. */
  readonly input?: boolean;
  /** `false` with `--no-test`: do not test the new connection. */
  readonly test?: boolean;
}

const CONNECTION_FLAGS = ["site", "company", "publicKey", "clientId"] as const;

/**
 * Initialises a data directory (and a connection when its flags are given).
 *
 * @example
 * await init(session, { site: "na", company: "acme", publicKey: "pub", privateKeyStdin: true, clientId: "…" });
 */
export async function init(session: CliSession, options: InitOptions): Promise<CommandResult> {
  const config = session.config();
  const connection = await connectionOptions(session, options);
  await prepareDataDir(config, { create: true });
  const engine = await session.engine();
  const keyFile =
    config.masterKey === undefined ? keyFilePath(config.dataDir) : "CWBRIDGE_MASTER_KEY";
  const base = {
    dataDir: config.dataDir,
    database: config.database.kind === "sqlite" ? config.database.file : "postgres",
    keyFile,
    keyGenerated: engine.keyringSource === "generated",
  };
  const lines = [
    `data directory ${config.dataDir} ready`,
    `database ${base.database} migrated`,
    `master key ${keyFile}${base.keyGenerated ? " generated: back it up separately from the database" : ""}`,
  ];
  if (connection === undefined) {
    return result({ ...base, connection: null }, [
      ...lines,
      "next: cwbridge connections add --help",
    ]);
  }
  // Tested on save: a connection whose test fails is not kept (exit 3, the failure named).
  const added = await connectionsAdd(session, {
    ...connection,
    ...(options.test === false ? { test: false } : {}),
  });
  return result({ ...base, ...(added.data as object) }, [...lines, ...added.human]);
}

async function connectionOptions(
  session: CliSession,
  options: InitOptions,
): Promise<ConnectionsAddOptions | undefined> {
  const given = CONNECTION_FLAGS.filter((f) => options[f] !== undefined);
  const hasKey =
    options.privateKey !== undefined ||
    options.privateKeyFile !== undefined ||
    options.privateKeyStdin === true;
  if (given.length === CONNECTION_FLAGS.length && hasKey) {
    const privateKey = await readPrivateKey(options, session.io);
    return withKey(complete(options), privateKey);
  }
  const interactive =
    options.input !== false && session.io.stdin.isTTY === true && !session.out.json;
  if (interactive) return promptConnection(session, options);
  if (given.length === 0 && !hasKey) return undefined;
  const missing = [
    ...CONNECTION_FLAGS.filter((f) => options[f] === undefined).map(flagName),
    ...(hasKey ? [] : ["--private-key|--private-key-file|--private-key-stdin"]),
  ];
  throw usageError(`to add a connection, init also needs ${missing.join(", ")}`);
}

function complete(options: InitOptions): ConnectionsAddOptions {
  return {
    ...options,
    name: options.name ?? "default",
    site: options.site ?? "",
    company: options.company ?? "",
    publicKey: options.publicKey ?? "",
    clientId: options.clientId ?? "",
  };
}

async function promptConnection(
  session: CliSession,
  options: InitOptions,
): Promise<ConnectionsAddOptions | undefined> {
  const p = createPrompter(session.io);
  try {
    const want = (await p.ask("Add a ConnectWise connection now? (y/n)", "y")).toLowerCase();
    if (!want.startsWith("y")) return undefined;
    const answers = {
      name: options.name ?? (await p.ask("Connection name", "default")),
      site:
        options.site ??
        (await p.ask("Site: cloud region (na, eu, au, za, staging) or on-prem https URL", "na")),
      company:
        options.company ?? (await p.ask("Company ID (what you type at the ConnectWise login)")),
      publicKey: options.publicKey ?? (await p.ask("API member public key")),
      privateKey: options.privateKey ?? (await p.askSecret("API member private key")),
      clientId: options.clientId ?? (await p.ask("clientId (from developer.connectwise.com)")),
    };
    return withKey({ ...options, ...answers }, answers.privateKey);
  } finally {
    p.close();
  }
}

function withKey(options: ConnectionsAddOptions, privateKey: string): ConnectionsAddOptions {
  const { privateKeyFile: _file, privateKeyStdin: _stdin, ...rest } = options;
  const { input: _input, test: _test, ...clean } = rest as ConnectionsAddOptions & InitOptions;
  return { ...clean, privateKey };
}

function flagName(field: string): string {
  return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
