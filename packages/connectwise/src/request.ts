/**
 * Pure request building: API URL (`{origin}/{codebase}apis/3.0{path}?query`), query encoding
 * (form encoding, conditions ASTs printed) and headers (auth, clientId, version, JSON).
 */
import { authHeaders, type ConnectWiseCredentials } from "./auth.js";
import { printConditions } from "./conditions/index.js";
import { ConnectWiseConfigError } from "./errors.js";
import type { ConditionsInput, QueryValue } from "./types.js";

/** A query object as `RequestOptions.query` takes it. */
export type QueryInput = Readonly<Record<string, QueryValue | ConditionsInput>>;

/**
 * Form-encoded query (space → `+`, `+` → `%2B`); conditions ASTs are printed, `undefined` dropped.
 *
 * @example
 * encodeQuery({ conditions: 'summary contains "a+b"', page: 2 }).toString();
 * // "conditions=summary+contains+%22a%2Bb%22&page=2"
 */
export function encodeQuery(query: QueryInput = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.append(name, typeof value === "object" ? printConditions(value) : String(value));
  }
  return params;
}

/**
 * The full API URL.
 *
 * @example
 * buildApiUrl({ origin: "https://api-na.myconnectwise.net", codebase: "v2025_1/", path: "/service/tickets", query: { page: 1 } });
 * // "https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets?page=1"
 */
export function buildApiUrl(input: {
  readonly origin: string;
  readonly codebase: string;
  readonly path: string;
  readonly query?: QueryInput;
}): string {
  const path = checkPath(input.path);
  const url = new URL(`${input.origin}/${input.codebase}apis/3.0${path}`);
  for (const [name, value] of encodeQuery(input.query)) url.searchParams.append(name, value);
  return url.toString();
}

/**
 * Headers of an API call. Caller headers come first; auth, clientId, Accept and Content-Type
 * cannot be overridden by them.
 *
 * @example
 * buildHeaders({ credentials, apiVersion: "2025.16", userAgent: "me/1", hasBody: true });
 */
export function buildHeaders(input: {
  readonly credentials: ConnectWiseCredentials;
  readonly apiVersion: string;
  readonly userAgent: string;
  readonly hasBody: boolean;
  readonly extra?: Readonly<Record<string, string>>;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.extra ?? {}))
    headers[name.toLowerCase()] = value;
  headers["user-agent"] = input.userAgent;
  headers.accept = `application/vnd.connectwise.com+json; version=${input.apiVersion}`;
  if (input.hasBody) headers["content-type"] = "application/json";
  return { ...headers, ...authHeaders(input.credentials) };
}

function checkPath(path: string): string {
  const withSlash = path.startsWith("/") ? path : `/${path}`;
  const pathname = withSlash.split("?")[0] ?? "";
  const unsafe =
    /^[a-z][a-z0-9+.-]*:/i.test(path) ||
    withSlash.startsWith("//") ||
    /[#\\]/.test(withSlash) ||
    pathname
      .split("/")
      .map((segment) => segment.toLowerCase().replaceAll("%2e", "."))
      .some((segment) => segment === "." || segment === "..");
  if (unsafe) {
    throw new ConnectWiseConfigError(
      `ConnectWise request: path must be an API path such as "/service/tickets" (got ${JSON.stringify(path)}).`,
    );
  }
  return withSlash;
}
