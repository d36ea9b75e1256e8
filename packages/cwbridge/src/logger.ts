/**
 * The app logger: pino with two layers of redaction.
 *
 * 1. Structured: pino `redact.paths` censor credential-named fields (`authorization`,
 *    `clientId`, `privateKey`, `headers.*`, …) whatever their value.
 * 2. By value: every serialised line passes through a {@link SecretRegistry}, which replaces
 *    any known secret value (decrypted private keys, clientIds, Basic-auth strings and their
 *    base64/URL-encoded forms) with `[REDACTED]`, wherever it appears (messages, error stacks,
 *    nested objects), and the credentials of any URL (`https://user:password@host`). The client
 *    provider registers a connection's secrets when it decrypts them.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import {
  createRedactor,
  PINO_REDACT_PATHS,
  REDACTED,
  redactUrlCredentials,
} from "./secrets/index.js";

/** Known secret values, scrubbed from every log line (and available to other sinks). */
export interface SecretRegistry {
  /** Adds secret values (empty strings and very short values are ignored). */
  readonly add: (secrets: readonly string[]) => void;
  /** Replaces every known secret, and any URL's credentials, in `text` with `[REDACTED]`. */
  readonly redact: (text: string) => string;
}

/** Secrets shorter than this are not registered (they would censor ordinary words). */
const MIN_SECRET_LENGTH = 6;

/**
 * A registry of secret values; the redactor is rebuilt only when a new secret is added.
 *
 * @example
 * const secrets = createSecretRegistry();
 * secrets.add(["s3cret-private-key"]);
 * secrets.redact("key=s3cret-private-key"); // "key=[REDACTED]"
 */
export function createSecretRegistry(): SecretRegistry {
  const known = new Set<string>();
  let redactor: (text: string) => string = redactUrlCredentials;
  return {
    add(secrets) {
      let changed = false;
      for (const secret of secrets) {
        if (secret.length < MIN_SECRET_LENGTH || known.has(secret)) continue;
        known.add(secret);
        changed = true;
      }
      if (changed) redactor = createRedactor([...known]);
    },
    redact: (text) => redactor(text),
  };
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  readonly level: pino.LevelWithSilent;
  /** Where lines go (default stdout). Tests pass a stream that captures lines. */
  readonly destination?: DestinationStream;
  /** Known secret values to scrub from every line (default: a fresh registry). */
  readonly secrets?: SecretRegistry;
}

/**
 * The app logger (JSON lines).
 *
 * @example
 * const secrets = createSecretRegistry();
 * const log = createLogger({ level: "info", secrets });
 * log.info({ clientId: "abc" }, "connected"); // {"clientId":"[REDACTED]","msg":"connected",…}
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? createSecretRegistry();
  const pinoOptions: pino.LoggerOptions = {
    level: options.level,
    base: { name: "cwbridge" },
    redact: { paths: [...PINO_REDACT_PATHS], censor: REDACTED },
    hooks: { streamWrite: (line) => secrets.redact(line) },
  };
  return options.destination === undefined
    ? pino(pinoOptions)
    : pino(pinoOptions, options.destination);
}

/**
 * A destination that keeps every line in memory (tests: grep the output for secrets).
 *
 * @example
 * const sink = createMemoryDestination();
 * const log = createLogger({ level: "debug", destination: sink });
 * log.info("hi"); sink.lines.length; // 1
 */
export function createMemoryDestination(): DestinationStream & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(line);
    },
  };
}
