/**
 * Fixed facts shared by every seed: login company, codebase, clientIds, timestamps, API keys.
 */

/** Login company id (`companyinfo/demo`, first part of Basic auth). */
export const SEED_COMPANY_ID = "demo";

/** Codebase returned by companyinfo. */
export const SEED_CODEBASE = "v2025_1/";

/** clientIds the emulator accepts: the documented fixed one first. */
export const SEED_CLIENT_IDS: readonly string[] = [
  "5b2e9c1a-3f4d-4e8a-9c7b-2d1e0f6a8b3c",
  "0c8f4a7e-1d2b-4c6f-8e9a-7b5d3c1f2e40",
];

/** The instant the seed data was "created". */
export const SEED_NOW = "2025-06-01T12:00:00Z";

/** Default PRNG seed of `demoSeed()`. */
export const DEFAULT_RANDOM_SEED = 20250601;

/** The MSP that owns the demo tenant. */
export const MSP_COMPANY = {
  id: 2,
  identifier: "NorthwindMSP",
  name: "Northwind MSP",
} as const;

/** Keys of the demo API members (fixed, not secret). */
export const DEMO_KEYS = {
  cwbridge: { publicKey: "demoPublicKey0001", privateKey: "demoPrivateKey-not-secret-0001" },
  limited: { publicKey: "demoPublicKey0002", privateKey: "demoPrivateKey-not-secret-0002" },
  admin: { publicKey: "demoPublicKey0003", privateKey: "demoPrivateKey-not-secret-0003" },
} as const;

/**
 * ISO date-time `days` days before {@link SEED_NOW} (seconds precision, `Z`).
 *
 * @example
 * daysBefore(1); // "2025-05-31T12:00:00Z"
 */
export function daysBefore(days: number): string {
  const ms = Date.parse(SEED_NOW) - days * 86_400_000;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
