/**
 * The app's configuration: ONE zod schema over environment variables and command-line flags,
 * parsed once at start-up. No other module reads `process.env`.
 *
 * | field | flag | env | default |
 * | --- | --- | --- | --- |
 * | dataDir | `--data-dir` | `CWBRIDGE_HOME` | `./.cwbridge` |
 * | database | `--database-url` | `DATABASE_URL` | SQLite `<dataDir>/cwbridge.db` |
 * | masterKey | — | `CWBRIDGE_MASTER_KEY` | unset (key file `<dataDir>/master.key`) |
 * | allowInsecureKeyFile | — | `CWBRIDGE_ALLOW_INSECURE_KEY_FILE` | false |
 * | httpHost | `--host` | `CWBRIDGE_HOST` | `127.0.0.1` |
 * | httpPort | `--port` | `CWBRIDGE_PORT`, `PORT` | 8080 |
 * | adminToken | — | `CWBRIDGE_ADMIN_TOKEN` | unset |
 * | logLevel | `--log-level` | `CWBRIDGE_LOG_LEVEL`, `LOG_LEVEL` | `info` |
 * | emulator.enabled | `--emulator` | `CWBRIDGE_EMULATOR` (`auto`/`true`/`false`) | `auto` |
 * | queue | — | `CWBRIDGE_QUEUE` (`sql`/`graphile`) | `graphile` on PostgreSQL, `sql` on SQLite (`graphile` needs PostgreSQL) |
 * | eventsMaxRows | — | `CWBRIDGE_EVENTS_MAX_ROWS` | unset (engine: 100 000) |
 * | tenant | `--tenant` | `CWBRIDGE_TENANT` | `default` |
 */
import { resolve } from "node:path";
import { z } from "zod";
import { AppError, type AppIssue, type ErrorKind } from "./core/app-error.js";
import { DEFAULT_TENANT, tenantSchema } from "./core/tenant.js";

/** Stable error code of an invalid configuration. */
/** Default events-log size (rows) when the config does not say. */
export const DEFAULT_EVENTS_MAX_ROWS = 100_000;

/**
 * Jobs a worker runs at once when neither `--concurrency` nor `CWBRIDGE_WORKER_CONCURRENCY`
 * says. Each connection's client caps requests in flight (4 by default), so twice as many jobs
 * keep that cap busy while some jobs do local work between requests.
 */
export const DEFAULT_WORKER_CONCURRENCY = 8;

export type ConfigErrorCode = "CWB_ERR_CONFIG_INVALID";

/** The kind of each code (one meaning: bad configuration). */
export const CONFIG_ERROR_KINDS = {
  CWB_ERR_CONFIG_INVALID: "invalid",
} as const satisfies Record<ConfigErrorCode, ErrorKind>;

/** One bad field: the config field, where it came from, and what is wrong. */
export interface ConfigIssue {
  readonly field: string;
  readonly source: string;
  readonly message: string;
}

/** A {@link ConfigIssue} as an {@link AppIssue} (`path` is the field). */
export interface ConfigAppIssue extends ConfigIssue, AppIssue {}

/**
 * Thrown by {@link loadConfig}; its message lists every bad field (values are never echoed).
 *
 * @example
 * try { loadConfig({ env: process.env }); }
 * catch (e) { if (e instanceof ConfigError) { console.error(e.message); process.exit(2); } }
 */
export class ConfigError extends AppError<ConfigErrorCode, ConfigAppIssue> {
  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  - ${i.field} (${i.source}): ${i.message}`);
    super({
      code: "CWB_ERR_CONFIG_INVALID",
      kind: CONFIG_ERROR_KINDS.CWB_ERR_CONFIG_INVALID,
      message: `invalid configuration:\n${lines.join("\n")}`,
      issues: issues.map((i) => ({ ...i, path: i.field === "(root)" ? "" : i.field })),
    });
  }
}

/** Log levels (pino's). */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Where the store lives (same shape as the store's `StoreOptions`). */
export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "postgres"; readonly url: string };

/** Command-line flags that override the environment (commander passes strings). */
export interface ConfigFlags {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly httpHost?: string;
  readonly httpPort?: string | number;
  readonly logLevel?: string;
  readonly emulator?: string | boolean;
  readonly tenant?: string;
}

/** Input of {@link loadConfig}. */
export interface LoadConfigInput {
  /** Usually `process.env`, passed in by `main.ts` (the only caller that touches it). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags?: ConfigFlags;
  /** Base for a relative data dir (default `process.cwd()`). */
  readonly cwd?: string;
}

const booleanish = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"])])
  .transform((v) => v === true || v === "true" || v === "1" || v === "yes" || v === "on");

const parsesAsUrl = (v: string): boolean => {
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
};

const databaseUrl = z
  .string()
  .refine((v) => /^(postgres(ql)?:\/\/|sqlite:)/.test(v), {
    message: "must start with postgres://, postgresql:// or sqlite:<file>",
    abort: true,
  })
  .refine((v) => !v.startsWith("sqlite:") || v.slice(7).trim() !== "", {
    message: "sqlite: needs a file path (sqlite:<file>, e.g. sqlite:./cwbridge.db)",
  })
  .refine((v) => v.startsWith("sqlite:") || parsesAsUrl(v), {
    message: "is not a valid postgres:// URL (postgres://user@host:5432/database)",
  });

/** Where a field is read from (a flag, then the first env variable set) and how it is parsed. */
interface FieldSpec {
  readonly flag: string | undefined;
  readonly env: readonly string[];
  readonly schema: z.ZodType;
}

/** The ONE list of configuration fields: each field's sources and its schema. */
const FIELDS = {
  dataDir: {
    flag: "--data-dir",
    env: ["CWBRIDGE_HOME"],
    schema: z.string().min(1).default("./.cwbridge"),
  },
  databaseUrl: { flag: "--database-url", env: ["DATABASE_URL"], schema: databaseUrl.optional() },
  masterKey: {
    flag: undefined,
    env: ["CWBRIDGE_MASTER_KEY"],
    schema: z.string().min(1).optional(),
  },
  allowInsecureKeyFile: {
    flag: undefined,
    env: ["CWBRIDGE_ALLOW_INSECURE_KEY_FILE"],
    schema: booleanish.default(false),
  },
  httpHost: {
    flag: "--host",
    env: ["CWBRIDGE_HOST"],
    schema: z.string().min(1).default("127.0.0.1"),
  },
  httpPort: {
    flag: "--port",
    env: ["CWBRIDGE_PORT", "PORT"],
    schema: z.coerce.number().int().min(0).max(65535).default(8080),
  },
  adminToken: {
    flag: undefined,
    env: ["CWBRIDGE_ADMIN_TOKEN"],
    schema: z.string().min(16, "must be at least 16 characters").optional(),
  },
  logLevel: {
    flag: "--log-level",
    env: ["CWBRIDGE_LOG_LEVEL", "LOG_LEVEL"],
    schema: z.enum(LOG_LEVELS).default("info"),
  },
  emulator: {
    flag: "--emulator",
    env: ["CWBRIDGE_EMULATOR"],
    schema: z.union([z.literal("auto"), booleanish]).default("auto"),
  },
  queue: {
    flag: undefined,
    env: ["CWBRIDGE_QUEUE"],
    schema: z.enum(["sql", "graphile"]).optional(),
  },
  eventsMaxRows: {
    flag: undefined,
    env: ["CWBRIDGE_EVENTS_MAX_ROWS"],
    schema: z.coerce.number().int().min(100).optional(),
  },
  workerConcurrency: {
    flag: undefined,
    env: ["CWBRIDGE_WORKER_CONCURRENCY"],
    schema: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be 1..64")
      .max(64, "must be 1..64")
      .optional(),
  },
  tenant: {
    flag: "--tenant",
    env: ["CWBRIDGE_TENANT"],
    schema: tenantSchema.default(DEFAULT_TENANT),
  },
} as const satisfies Record<string, FieldSpec>;

type RawKey = keyof typeof FIELDS;

/** The fields' schemas, keyed as in {@link FIELDS}. */
function schemasOf<F extends Record<string, FieldSpec>>(
  fields: F,
): { readonly [K in keyof F]: F[K]["schema"] } {
  return Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.schema])) as {
    readonly [K in keyof F]: F[K]["schema"];
  };
}

/** The one schema (derived from {@link FIELDS}): raw strings/flags in, typed values out. */
const configSchema = z.object(schemasOf(FIELDS)).strict();

/** The parsed configuration. */
export interface Config {
  /** Absolute path of the data directory (key file, SQLite database). */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** Env-provided master key (base64 32 bytes or keyring JSON); else the key file is used. */
  readonly masterKey?: string;
  readonly allowInsecureKeyFile: boolean;
  readonly httpHost: string;
  readonly httpPort: number;
  readonly adminToken?: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly emulator: { readonly enabled: boolean | "auto" };
  /**
   * Job queue adapter: `graphile` (graphile-worker) by default on PostgreSQL, `sql` (the
   * store's `jobs` table) on SQLite; `CWBRIDGE_QUEUE` picks one (`graphile` needs PostgreSQL).
   */
  readonly queue: "sql" | "graphile";
  /** Events log retention by size (rows); unset = the engine's default (100 000). */
  readonly eventsMaxRows?: number;
  /**
   * Jobs a worker runs at once, 1..64 (`CWBRIDGE_WORKER_CONCURRENCY`; the CLI's
   * `worker --concurrency` wins); unset = {@link DEFAULT_WORKER_CONCURRENCY}.
   */
  readonly workerConcurrency?: number;
  /** The tenant the CLI and `npm start` work in (`--tenant`, `CWBRIDGE_TENANT`; `default`). */
  readonly tenant: string;
}

/**
 * Parses env + flags into a {@link Config}; throws {@link ConfigError} listing every bad field.
 *
 * @example
 * const config = loadConfig({ env: process.env, flags: { httpPort: "9000" } });
 * config.database // { kind: "sqlite", file: "/abs/.cwbridge/cwbridge.db" }
 */
export function loadConfig(input: LoadConfigInput): Config {
  const result = parseConfig(input);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Like {@link loadConfig} but returns a `Result` instead of throwing.
 *
 * @example
 * const r = parseConfig({ env: { CWBRIDGE_PORT: "x" } });
 * if (!r.ok) console.error(r.error.issues); // [{ field: "httpPort", source: "--port / CWBRIDGE_PORT / PORT", … }]
 */
export function parseConfig(
  input: LoadConfigInput,
): { ok: true; value: Config } | { ok: false; error: ConfigError } {
  const parsed = configSchema.safeParse(collectRaw(input));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => toConfigIssue(issue.path, issue.message));
    return { ok: false, error: new ConfigError(issues) };
  }
  const raw = parsed.data;
  const dataDir = resolve(input.cwd ?? process.cwd(), raw.dataDir);
  const database = toDatabase(raw.databaseUrl, dataDir, input.cwd);
  const config: Config = {
    dataDir,
    database,
    allowInsecureKeyFile: raw.allowInsecureKeyFile,
    httpHost: raw.httpHost,
    httpPort: raw.httpPort,
    logLevel: raw.logLevel,
    emulator: { enabled: raw.emulator },
    ...(raw.masterKey === undefined ? {} : { masterKey: raw.masterKey }),
    ...(raw.adminToken === undefined ? {} : { adminToken: raw.adminToken }),
    queue: raw.queue ?? (database.kind === "postgres" ? "graphile" : "sql"),
    tenant: raw.tenant,
    ...(raw.eventsMaxRows === undefined ? {} : { eventsMaxRows: raw.eventsMaxRows }),
    ...(raw.workerConcurrency === undefined ? {} : { workerConcurrency: raw.workerConcurrency }),
  };
  return { ok: true, value: config };
}

function collectRaw(input: LoadConfigInput): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, source] of Object.entries(FIELDS) as [RawKey, FieldSpec][]) {
    const flag = source.flag === undefined ? undefined : input.flags?.[key as keyof ConfigFlags];
    const fromEnv = source.env
      .map((name) => input.env[name])
      .find((v) => v !== undefined && v !== "");
    const value = flag ?? fromEnv;
    if (value !== undefined) raw[key] = value;
  }
  return raw;
}

function toConfigIssue(path: readonly PropertyKey[], message: string): ConfigIssue {
  const field = String(path[0] ?? "(root)");
  const source: FieldSpec | undefined = FIELDS[field as RawKey];
  const names =
    source === undefined ? [] : [source.flag, ...source.env].filter((n) => n !== undefined);
  return { field, source: names.length > 0 ? names.join(" / ") : "unknown", message };
}

function toDatabase(
  url: string | undefined,
  dataDir: string,
  cwd: string | undefined,
): DatabaseConfig {
  if (url === undefined) return { kind: "sqlite", file: resolve(dataDir, "cwbridge.db") };
  if (url.startsWith("sqlite:"))
    return { kind: "sqlite", file: resolve(cwd ?? process.cwd(), url.slice(7)) };
  return { kind: "postgres", url };
}
