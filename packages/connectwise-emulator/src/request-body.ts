/**
 * Reading JSON request bodies safely: at most 1 MiB (413 otherwise), malformed JSON is a
 * 400 `InvalidObject`, an empty body is `undefined`.
 */
import { CwHttpError, badRequest } from "./errors.js";

export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(): CwHttpError {
  return new CwHttpError(
    413,
    "RequestTooLarge",
    `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
  );
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The parsed JSON body of a request.
 *
 * @example
 * const body = await readJsonBody(request); // unknown
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : "invalid JSON";
    throw badRequest(`The request body is not valid JSON: ${detail}`);
  }
}
