/**
 * Turns a failed connection-test step into a plain-language cause and fix. Causes are
 * classified (never raw upstream bodies); texts name hosts and company ids, never secrets.
 */
import { ConnectWiseError } from "@cwbridge/connectwise";
import { ConnectionError } from "../../connectwise/errors.js";
import { SiteAddressRefusedError } from "../../connectwise/site-address-guard.js";

/** Why a step failed. */
export type TestFailureCode =
  | "unknown_company"
  | "bad_keys"
  | "client_id"
  | "ssl_or_host"
  | "unreachable"
  | "timeout"
  | "permission"
  | "member_mismatch"
  | "site_not_allowed"
  | "unexpected";

/** A classified failure. */
export interface TestFailure {
  readonly code: TestFailureCode;
  readonly cause: string;
  readonly fix: string;
  /** The underlying error code (`CW_AUTH`, `CWB_ERR_…`), when there is one. */
  readonly errorCode?: string;
}

/** What the diagnosis knows about the attempt. */
export interface DiagnosisContext {
  readonly site: string;
  readonly companyId: string;
  readonly redact: (text: string) => string;
}

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNRESET",
  "UND_ERR_SOCKET",
]);
const TLS =
  /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|wrong version number|HOSTNAME_MISMATCH|ALTNAME/i;

/**
 * Classifies a step failure.
 *
 * @example
 * diagnoseFailure(error, { site: "na", companyId: "acme", redact }).code; // "bad_keys"
 */
export function diagnoseFailure(error: unknown, context: DiagnosisContext): TestFailure {
  if (error instanceof ConnectionError || error instanceof SiteAddressRefusedError) {
    return {
      code: "site_not_allowed",
      cause: context.redact(error.message),
      fix: "Use a cloud region (na, eu, au, za, staging), or the https:// origin of an on-prem server (no credentials, no path) with --allow-on-prem; link-local and cloud-metadata addresses are never allowed.",
      errorCode: error.code,
    };
  }
  if (!(error instanceof ConnectWiseError)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      code: "unexpected",
      cause: context.redact(message),
      fix: "See the events log; retry, and report it if it persists.",
    };
  }
  return { ...classify(error, context), errorCode: error.code };
}

function classify(
  error: ConnectWiseError,
  context: DiagnosisContext,
): Omit<TestFailure, "errorCode"> {
  const message = context.redact(error.message);
  const where = `site '${context.site}'`;
  // ConnectWise answers `{"code":"Security","message":"SSL is required."}` to plain http and to
  // the non-api host, whatever the status.
  if (/ssl is required/i.test(message)) return sslRequired(where);
  switch (error.code) {
    case "CW_UNKNOWN_COMPANY":
      return {
        code: "unknown_company",
        cause: `ConnectWise at ${where} does not know company '${context.companyId}'.`,
        fix: "Use the company ID you type on the ConnectWise login screen, and check the site: the company must live in that region (na, eu, au, za) or on that on-prem server.",
      };
    case "CW_AUTH":
      return /client\s*id/i.test(message) ? clientIdFailure(message) : badKeys(context);
    case "CW_TIMEOUT":
      return {
        code: "timeout",
        cause: `${where} did not answer in time.`,
        fix: "Check the site is reachable from this server (firewall, proxy) and retry; ConnectWise may be slow right now.",
      };
    case "CW_CONNECTION":
      return connectionFailure(error, where);
    case "CW_NOT_FOUND":
      return wrongHost(where, "answered 404 for the ConnectWise API path");
    case "CW_PERMISSION":
      return permissionFailure();
    case "CW_REQUEST":
      return error.status !== undefined && error.status >= 300 && error.status < 400
        ? wrongHost(where, `redirected (HTTP ${error.status}); cwbridge never follows redirects`)
        : wrongHost(where, `did not answer like a ConnectWise API (${message})`);
    case "CW_ABORTED":
    case "CW_CONFIG":
    case "CW_OUTCOME_UNKNOWN":
    case "CW_PAGINATION":
    case "CW_RATE_LIMITED":
    case "CW_SERVER":
    case "CW_VALIDATION":
      return {
        code: "unexpected",
        cause: `${where}: ${message}`,
        fix: "Retry in a minute; if it persists, check ConnectWise's status page and the events log.",
      };
  }
}

function badKeys(context: DiagnosisContext): Omit<TestFailure, "errorCode"> {
  return {
    code: "bad_keys",
    cause: `ConnectWise rejected the API keys for company '${context.companyId}' (401).`,
    fix: "Check the public/private key pair belongs to an active API member of this company (System → Members → API Members → the member → API Keys); generate a new pair if unsure and copy both keys at once.",
  };
}

function clientIdFailure(message: string): Omit<TestFailure, "errorCode"> {
  return {
    code: "client_id",
    cause: `ConnectWise rejected the clientId (401: ${message}).`,
    fix: "Set the clientId of your integration (--client-id) from developer.connectwise.com (My Account → Client IDs); it is required on every API call.",
  };
}

function sslRequired(where: string): Omit<TestFailure, "errorCode"> {
  return {
    code: "ssl_or_host",
    cause: `${where} requires SSL.`,
    fix: "Use the https:// URL of the server (cloud: just the region, e.g. na).",
  };
}

function wrongHost(where: string, what: string): Omit<TestFailure, "errorCode"> {
  return {
    code: "ssl_or_host",
    cause: `${where} ${what}: it is probably not the ConnectWise API host.`,
    fix: "Cloud: use the region (na, eu, au, za, staging), not the login host (na.myconnectwise.net). On-prem: the origin of the server with https:// and no path.",
  };
}

function permissionFailure(): Omit<TestFailure, "errorCode"> {
  return {
    code: "permission",
    cause: "The API member's security role may not read this (403).",
    fix: "System → Security Roles → the member's role → 'System' → 'My Company': set Inquire to All; then run the permission check.",
  };
}

function connectionFailure(error: ConnectWiseError, where: string): Omit<TestFailure, "errorCode"> {
  const codes = causeCodes(error);
  if (codes.some((c) => TLS.test(c))) {
    return {
      code: "ssl_or_host",
      cause: `${where}: the TLS handshake failed (${codes.find((c) => TLS.test(c)) ?? "TLS"}).`,
      fix: "Check the URL (https:// on the right port) and that the server's certificate is valid for that host name.",
    };
  }
  const unreachable = codes.find((c) => UNREACHABLE.has(c));
  // (codes[0] is the client's own CW_CONNECTION; the transport code follows it)
  return {
    code: "unreachable",
    cause: `${where} is not reachable (${unreachable ?? "network error"}).`,
    fix: "Check the host name (DNS), that the server is up, and that this machine may connect to it (firewall, proxy).",
  };
}

/** Error codes and messages along the cause chain (for TLS/network classification). */
function causeCodes(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") found.push(code);
    found.push(...(current.message.match(/\b(E[A-Z_]{3,}|UND_ERR_[A-Z_]+)\b/g) ?? []));
    found.push(current.message);
    current = current.cause;
  }
  return found;
}
