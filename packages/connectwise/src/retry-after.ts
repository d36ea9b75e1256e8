/**
 * Reads ConnectWise's wait hint from a 429: the `Retry-After` header (seconds or HTTP-date) or
 * the body message form `"Too many requests. Please try again in 30 seconds."`.
 */

const BODY_HINT =
  /try again in\s+(\d+(?:\.\d+)?)\s*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?)\b/i;

/**
 * Milliseconds to wait, or `undefined` when the server gave no usable hint.
 *
 * @example
 * parseRetryAfter({ header: "30" }); // 30000
 * parseRetryAfter({ header: "Wed, 21 Oct 2026 07:28:00 GMT", now: Date.parse("Wed, 21 Oct 2026 07:27:00 GMT") }); // 60000
 * parseRetryAfter({ body: { message: "Too many requests. Please try again in 5 seconds." } }); // 5000
 */
export function parseRetryAfter(input: {
  readonly header?: string | null;
  readonly body?: unknown;
  readonly now?: number;
}): number | undefined {
  const fromHeader = parseRetryAfterHeader(input.header, input.now ?? Date.now());
  return fromHeader ?? parseRetryAfterBody(input.body);
}

function parseRetryAfterHeader(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseRetryAfterBody(body: unknown): number | undefined {
  const message =
    typeof body === "string"
      ? body
      : typeof body === "object" && body !== null && "message" in body
        ? body.message
        : undefined;
  if (typeof message !== "string") return undefined;
  const match = BODY_HINT.exec(message);
  if (!match?.[1] || !match[2]) return undefined;
  const amount = Number(match[1]);
  const unit = match[2].toLowerCase();
  if (unit.startsWith("m") && unit !== "ms" && !unit.startsWith("mil")) {
    return Math.round(amount * 60_000);
  }
  if (unit === "ms" || unit.startsWith("mil")) return Math.round(amount);
  return Math.round(amount * 1000);
}
