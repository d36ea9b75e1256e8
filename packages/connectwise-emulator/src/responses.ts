/**
 * Building responses: JSON with ConnectWise's headers, and the single error mapping used by
 * the API handler and Hono's `onError` (anything unexpected becomes a ConnectWise-shaped
 * 500 — a bug in the emulator, never a reaction to input).
 */
import { CwHttpError } from "./errors.js";

export const API_VERSION = "2025.16";
export const JSON_TYPE = "application/json; charset=utf-8";

/** A handler's answer before it becomes a `Response`. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Rows returned (ledger, per-row latency). */
  readonly rows?: number;
}

/** A JSON response (204 has no body). */
export function toResponse(
  reply: Reply,
  extraHeaders: Readonly<Record<string, string>> = {},
): Response {
  const headers = new Headers({ ...extraHeaders, ...reply.headers });
  if (reply.status === 204 || reply.body === undefined)
    return new Response(null, { status: reply.status, headers });
  headers.set("content-type", JSON_TYPE);
  const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  return new Response(text, { status: reply.status, headers });
}

/** Maps any thrown value to a ConnectWise-shaped reply. */
export function errorReply(error: unknown): Reply {
  if (error instanceof CwHttpError) {
    return { status: error.status, body: error.toBody(), headers: error.headers };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    body: {
      code: "ConnectWiseApi",
      message: `An unexpected error occurred in the emulator: ${message}`,
      errors: null,
    },
  };
}
