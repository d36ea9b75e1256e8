/**
 * Redaction of secret values in free text (log lines, error messages, event bodies), and the
 * pino redact paths for structured fields.
 */

/** What replaces a secret. */
export const REDACTED = "[REDACTED]";

/**
 * Pino `redact.paths` for fields that hold credentials, whatever their value
 * (`Authorization`/`clientId` headers, keys, tokens, passwords).
 *
 * @example
 * pino({ redact: { paths: [...PINO_REDACT_PATHS], censor: REDACTED } })
 */
export const PINO_REDACT_PATHS = [
  "authorization",
  "clientId",
  "clientid",
  "privateKey",
  "password",
  "masterKey",
  "adminToken",
  "token",
  "secret",
  "headers.authorization",
  "headers.Authorization",
  "headers.clientId",
  "headers.clientid",
  "headers.cookie",
  'headers["set-cookie"]',
  "*.authorization",
  "*.clientId",
  "*.clientid",
  "*.privateKey",
  "*.password",
  "*.masterKey",
  "*.adminToken",
  "*.token",
  "*.secret",
  "*.headers.authorization",
  "*.headers.Authorization",
  "*.headers.clientId",
  "*.headers.clientid",
  "*.headers.cookie",
  'req.headers["x-api-key"]',
] as const;

/** The plaintext credentials of one ConnectWise connection. */
export interface ConnectWiseCredentials {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly clientId?: string;
}

/**
 * The secret strings of a connection to feed {@link createRedactor}: the private key, the
 * clientId and the Basic-auth user-pass `company+public:private` (whose base64 form, the
 * `Authorization: Basic …` value, the redactor covers as well).
 *
 * @example
 * const redact = createRedactor(connectionSecrets({ companyId: "acme", publicKey: "pub", privateKey: "priv" }));
 */
export function connectionSecrets(credentials: ConnectWiseCredentials): string[] {
  const { companyId, publicKey, privateKey, clientId } = credentials;
  const secrets = [privateKey, `${companyId}+${publicKey}:${privateKey}`];
  return clientId === undefined ? secrets : [...secrets, clientId];
}

/**
 * A function that replaces every occurrence of each secret with `[REDACTED]`, together with the
 * secret's base64 form (so `base64(company+public:private)` of a Basic header is caught when the
 * user-pass string is one of the secrets) and its URL-encoded form. Longer secrets are matched
 * first; empty strings are ignored. The credentials of any URL in the text
 * (`https://user:password@host`) are replaced too, known or not (see {@link redactUrlCredentials}).
 *
 * @example
 * const redact = createRedactor(["acme+pub:priv"]);
 * redact("Authorization: Basic YWNtZStwdWI6cHJpdg==") // "Authorization: Basic [REDACTED]"
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = [...new Set(secrets.flatMap(variantsOf))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return redactUrlCredentials;
  const pattern = new RegExp(needles.map(escapeRegExp).join("|"), "g");
  return (text) => redactUrlCredentials(text.replace(pattern, REDACTED));
}

/**
 * The userinfo of a URL: after `scheme://`, up to the LAST `@` before the host (a password may
 * hold an `@`), stopping at what ends an authority (`/ ? #`), whitespace or a quote.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>\\`]+@/gi;

/**
 * Replaces the credentials (userinfo) of every URL in `text` with `[REDACTED]`.
 *
 * @example
 * redactUrlCredentials("site https://user:pw@api-na.myconnectwise.net"); // "site https://[REDACTED]@api-na.myconnectwise.net"
 */
export function redactUrlCredentials(text: string): string {
  return text.includes("@") ? text.replace(URL_USERINFO, `$1${REDACTED}@`) : text;
}

function variantsOf(secret: string): string[] {
  if (secret === "") return [];
  const base64 = Buffer.from(secret, "utf8").toString("base64");
  return [secret, base64, base64.replace(/=+$/, ""), encodeURIComponent(secret)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
