/**
 * ConnectWise API-key authentication and the redaction helpers that keep credentials out of
 * logs, hooks and errors.
 */

/** Credentials of an API member. */
export interface ConnectWiseCredentials {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly clientId: string;
}

/**
 * The `Authorization` header value: `Basic base64("{companyId}+{publicKey}:{privateKey}")`.
 *
 * @example
 * basicAuthorization({ companyId: "acme", publicKey: "pub", privateKey: "priv" });
 * // "Basic YWNtZStwdWI6cHJpdg=="
 */
export function basicAuthorization(
  credentials: Pick<ConnectWiseCredentials, "companyId" | "publicKey" | "privateKey">,
): string {
  const raw = `${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`;
  return `Basic ${Buffer.from(raw, "utf8").toString("base64")}`;
}

/**
 * The headers that authenticate every API call.
 *
 * @example
 * authHeaders(creds); // { authorization: "Basic ...", clientid: "..." }
 */
export function authHeaders(credentials: ConnectWiseCredentials): Record<string, string> {
  return { authorization: basicAuthorization(credentials), clientid: credentials.clientId };
}

/** Query parameters whose value is replaced by `[REDACTED]` in any URL we expose. */
const SECRET_QUERY_PARAM = /^(clientid|.*key.*|.*secret.*|.*token.*|password|authorization)$/i;

/**
 * The URL without user-info and with secret-looking query parameters masked.
 *
 * @example
 * redactUrl("https://u:p@h/x?clientId=abc&page=2"); // "https://h/x?clientId=%5BREDACTED%5D&page=2"
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "[unparseable url]";
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_QUERY_PARAM.test(name)) parsed.searchParams.set(name, "[REDACTED]");
  }
  return parsed.toString();
}

/**
 * `redactUrl` for a URL already in `URL#href` form (as `buildApiUrl` returns it): with no
 * user-info and no query there is nothing to mask, and the URL is returned as is.
 *
 * @example
 * redactApiUrl("https://h/v2025_1/apis/3.0/company/companies/250"); // unchanged
 * redactApiUrl("https://h/x?clientId=abc"); // "https://h/x?clientId=%5BREDACTED%5D"
 */
export function redactApiUrl(href: string): string {
  return href.includes("?") || href.includes("@") ? redactUrl(href) : href;
}

/**
 * Replaces every occurrence of the given secrets in a text by `[REDACTED]`; for log lines
 * and messages that may quote a server response.
 *
 * @example
 * redactText("key=s3cret", ["s3cret"]); // "key=[REDACTED]"
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
  }
  return out;
}

/**
 * The error itself when no secret appears in its message/stack chain; otherwise a plain
 * `Error` with the redacted message (and the same `code`), so it is safe to keep as `cause`.
 *
 * @example
 * redactError(new Error("bad header Basic abc123=="), ["Basic abc123=="]).message; // "bad header [REDACTED]"
 */
export function redactError(error: unknown, secrets: readonly string[]): unknown {
  const texts: string[] = [];
  for (let link: unknown = error, depth = 0; link instanceof Error && depth < 6; depth++) {
    const code = (link as { code?: unknown }).code;
    texts.push(link.message, link.stack ?? "", typeof code === "string" ? code : "");
    link = link.cause;
  }
  const joined = texts.join("\n");
  if (!secrets.some((secret) => secret.length >= 4 && joined.includes(secret))) return error;
  const message = error instanceof Error ? error.message : "transport error";
  const code = (error as { code?: unknown } | null)?.code;
  const safe = new Error(redactText(message, secrets));
  return typeof code === "string" ? Object.assign(safe, { code }) : safe;
}
