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
  readonly query?: QueryInput | undefined;
}): string {
  return createApiUrlBuilder(input.origin)(input.codebase, input.path, input.query);
}

/** The API URL of `path` (+ query) under one origin, for the codebase in use. */
export type ApiUrlBuilder = (codebase: string, path: string, query?: QueryInput) => string;

/**
 * `buildApiUrl` for one origin that builds and checks the `{origin}/{codebase}apis/3.0`
 * prefix once per codebase instead of on every request (the client's hot path).
 *
 * @example
 * const urlFor = createApiUrlBuilder("https://api-na.myconnectwise.net");
 * urlFor("v2025_1/", "/service/tickets", { page: 1 });
 * // "https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets?page=1"
 */
export function createApiUrlBuilder(origin: string): ApiUrlBuilder {
  let codebase: string | undefined;
  let prefix = "";
  let canonical = false;
  return (codebaseInUse, path, query) => {
    if (codebaseInUse !== codebase) {
      prefix = `${origin}/${codebaseInUse}apis/3.0`;
      canonical = isCanonical(prefix);
      codebase = codebaseInUse;
    }
    return apiUrlUnder(prefix, canonical, path, query);
  };
}

function apiUrlUnder(
  prefix: string,
  canonical: boolean,
  path: string,
  query: QueryInput | undefined,
): string {
  if (canonical && SIMPLE_PATH.test(path)) {
    // Same text as the URL round trip below: the prefix serialises to itself, the path is
    // plain segments (nothing to normalise or encode), and there is no query to merge with.
    const url = path.startsWith("/") ? prefix + path : `${prefix}/${path}`;
    const search = hasValues(query) ? encodeQuery(query).toString() : "";
    return search === "" ? url : `${url}?${search}`;
  }
  const url = new URL(`${prefix}${checkPath(path)}`);
  for (const [name, value] of encodeQuery(query)) url.searchParams.append(name, value);
  return url.toString();
}

function hasValues(query: QueryInput | undefined): query is QueryInput {
  if (query === undefined) return false;
  for (const name in query) if (query[name] !== undefined) return true;
  return false;
}

/** Paths made of plain segments only: no dots, escapes, query, fragment or empty segment. */
const SIMPLE_PATH = /^\/?[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

/** Whether the prefix serialises to itself (so a plain path can be appended as text). */
function isCanonical(prefix: string): boolean {
  return !/[?#]/.test(prefix) && URL.canParse(prefix) && new URL(prefix).href === prefix;
}

/** What `createHeaderBuilder` needs. */
export interface HeaderSettings {
  readonly credentials: ConnectWiseCredentials;
  readonly apiVersion: string;
  readonly userAgent: string;
}

/** Headers of one call; extra (caller) headers cannot override auth, clientId or Accept. */
export type HeaderBuilder = (
  hasBody: boolean,
  extra?: Readonly<Record<string, string>>,
) => Record<string, string>;

/**
 * A header builder that computes the `Authorization` value once; each call returns a fresh
 * object (a wrapping `fetch` may change it) equal to what `buildHeaders` returns.
 *
 * @example
 * const headersFor = createHeaderBuilder({ credentials, apiVersion: "2025.16", userAgent: "me/1" });
 * headersFor(false); // { "user-agent": "me/1", accept: "...", authorization: "Basic ...", clientid: "..." }
 */
export function createHeaderBuilder(settings: HeaderSettings): HeaderBuilder {
  const auth = authHeaders(settings.credentials);
  const build = (hasBody: boolean, extra?: Readonly<Record<string, string>>) => {
    const headers: Record<string, string> = {};
    if (extra !== undefined) {
      for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
    }
    headers["user-agent"] = settings.userAgent;
    headers.accept = `application/vnd.connectwise.com+json; version=${settings.apiVersion}`;
    if (hasBody) headers["content-type"] = "application/json";
    for (const [name, value] of Object.entries(auth)) headers[name] = value;
    return headers;
  };
  const withoutBody = build(false);
  const withBody = build(true);
  return (hasBody, extra) =>
    extra === undefined
      ? Object.assign({}, hasBody ? withBody : withoutBody)
      : build(hasBody, extra);
}

/**
 * Headers of an API call. Caller headers come first; auth, clientId, Accept and Content-Type
 * cannot be overridden by them.
 *
 * @example
 * buildHeaders({ credentials, apiVersion: "2025.16", userAgent: "me/1", hasBody: true });
 */
export function buildHeaders(
  input: HeaderSettings & {
    readonly hasBody: boolean;
    readonly extra?: Readonly<Record<string, string>>;
  },
): Record<string, string> {
  return createHeaderBuilder(input)(input.hasBody, input.extra);
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
