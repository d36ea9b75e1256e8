/**
 * Seed lookup by name.
 */
import type { SeedData } from "../types.js";
import { demoSeed } from "./demo.js";
import { emptySeed } from "./empty.js";

/** Names of the built-in seeds. */
export type SeedName = "demo" | "empty";

/**
 * The built-in seed of that name (the demo with default options).
 *
 * @example
 * resolveSeed("empty").tables.tickets; // []
 */
export function resolveSeed(name: SeedName): SeedData {
  switch (name) {
    case "demo":
      return demoSeed();
    case "empty":
      return emptySeed();
  }
}
