/**
 * Per-source bearer tokens: random, shown once, stored only as a SHA-256 hash.
 */
import { createHash, randomBytes } from "node:crypto";

/** Prefix of every source token (lets secret scanners recognise them). */
export const SOURCE_TOKEN_PREFIX = "cwbs_";

/**
 * A new random source token (32 random bytes, base64url).
 *
 * @example
 * newSourceToken(); // "cwbs_3q2-…" (48 characters)
 */
export function newSourceToken(): string {
  return `${SOURCE_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/**
 * The stored form of a token: SHA-256 hex (a token has 256 bits of entropy, so a fast hash is
 * enough; equal lookups by hash avoid timing leaks on the token itself).
 *
 * @example
 * hashSourceToken("cwbs_abc"); // "9f2c…" (64 hex characters)
 */
export function hashSourceToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
