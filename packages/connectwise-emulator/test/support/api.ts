/**
 * Raw HTTP helpers for the emulator's contract and fuzz tests: authenticated calls through
 * `emulator.fetch`, and the 2025.16 operation list / key schemas read from `../shared`.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_KEYS, type Emulator } from "../../src/index.js";

export const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");
const OPENAPI = resolve(REPO_ROOT, "../shared/connectwise-openapi");

export interface SpecOperation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly response: string | null;
}

export interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly required?: boolean;
  readonly nullable?: boolean;
  readonly maxLength?: number;
  readonly enum?: readonly string[];
}

export type KeySchemas = Readonly<Record<string, readonly SchemaField[]>>;

/** Every operation of the 2025.16 spec. */
export function specOperations(): SpecOperation[] {
  const text = readFileSync(resolve(OPENAPI, "manage-2025.16-operations.json"), "utf8");
  return (JSON.parse(text) as { operations: SpecOperation[] }).operations;
}

/** The key component schemas (field names, types, nullable, enums). */
export function keySchemas(): KeySchemas {
  const text = readFileSync(resolve(OPENAPI, "manage-key-schemas.json"), "utf8");
  return (JSON.parse(text) as { schemas: KeySchemas }).schemas;
}

export type KeyName = keyof typeof DEMO_KEYS;

export interface CallOptions {
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is (overrides `body`). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Which demo API key authenticates (default `admin`: every right). */
  readonly key?: KeyName;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

function parse(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * One authenticated request below `apis/3.0`.
 *
 * @example
 * const { status, json } = await call(emulator, "GET", "/company/companies", { query: { pageSize: "5" } });
 */
export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const { url, codebase, companyId, clientId } = emulator.credentials;
  const { publicKey, privateKey } = DEMO_KEYS[options.key ?? "admin"];
  const search = options.query ? `?${new URLSearchParams(options.query).toString()}` : "";
  const body =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await emulator.fetch(`${url}/${codebase}apis/3.0${path}${search}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString("base64")}`,
      clientId,
      accept: "application/vnd.connectwise.com+json; version=2025.16",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parse(text) };
}

/** Whether a body has ConnectWise's error shape `{ code: string, message: string, errors: array | null }`. */
export function isConnectWiseError(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { code, message, errors } = body as Record<string, unknown>;
  return (
    typeof code === "string" &&
    code !== "" &&
    typeof message === "string" &&
    (errors === null || Array.isArray(errors))
  );
}
