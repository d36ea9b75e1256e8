/**
 * SHA-256 for stable keys and change detection (content hashes, `externalXRef`), not for
 * authentication or secrecy. `node:crypto` is the one Node module `domain/` may import: hashing
 * is pure (same input, same output, no I/O).
 */
import { createHash } from "node:crypto";

/**
 * SHA-256 of a string (UTF-8) or bytes, as 64 lowercase hex characters.
 *
 * @example
 * sha256Hex("abc") // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Hex(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}
