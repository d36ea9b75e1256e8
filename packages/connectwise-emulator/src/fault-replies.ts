/**
 * The replies fault injection answers with, in ConnectWise's shapes.
 */
import type { RetryAfterFormat } from "./faults.js";
import type { Reply } from "./responses.js";

export const TIMEOUT_BODY = {
  code: "ConnectWiseApi",
  message:
    "The request timed out (SQL timeout). The operation may not have completed; please retry.",
  errors: null,
} as const;

/** 429 with `Retry-After` as seconds, an HTTP date, or only in the body message. */
export function rateLimitReply(seconds: number, format: RetryAfterFormat): Reply {
  const headers: Record<string, string> = {};
  if (format === "seconds") headers["retry-after"] = String(seconds);
  // An HTTP date has whole seconds: round up, so the date never falls inside the window.
  if (format === "http-date")
    headers["retry-after"] = new Date(
      Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000,
    ).toUTCString();
  return {
    status: 429,
    headers,
    body: {
      error: "ConnectWiseAPI",
      message: `Too many requests. Please try again in ${seconds} seconds.`,
    },
  };
}

/** 500 with the SQL-timeout body. */
export function timeoutReply(): Reply {
  return { status: 500, body: TIMEOUT_BODY };
}

/** 504 from the gateway (HTML, like a proxy would answer). */
export function gatewayTimeoutReply(): Reply {
  return {
    status: 504,
    headers: { "content-type": "text/html" },
    body: "<html><body><h1>504 Gateway Time-out</h1>The server didn't respond in time.</body></html>",
  };
}
