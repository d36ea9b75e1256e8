/** Finds the scenarios: every `bench/scenarios/*.ts` exporting `scenario`. */
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import type { Scenario } from "./types.js";

const DIR = fileURLToPath(new URL("../scenarios/", import.meta.url));

function isScenario(value: unknown): value is Scenario {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Scenario).name === "string" &&
    typeof (value as Scenario).run === "function"
  );
}

/**
 * The scenarios whose name contains one of `filters` (all when none), sorted by name.
 *
 * @example
 * await loadScenarios(["emulator"]); // emulator-list-filter, emulator-throughput
 */
export async function loadScenarios(filters: readonly string[]): Promise<Scenario[]> {
  const files = (await readdir(DIR)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const found: Scenario[] = [];
  for (const file of files.sort()) {
    const module = (await import(pathToFileURL(join(DIR, file)).href)) as { scenario?: unknown };
    if (!isScenario(module.scenario))
      throw new Error(`bench/scenarios/${file} exports no scenario`);
    found.push(module.scenario);
  }
  const wanted = filters.filter((f) => f.trim() !== "");
  return found
    .filter((s) => wanted.length === 0 || wanted.some((f) => s.name.includes(f)))
    .sort((a, b) => a.name.localeCompare(b.name));
}
