/**
 * `npm run bench [-- <filter> ...]`: runs the benchmark scenarios and merges their sections
 * into `bench/results.md`.
 *
 * Scenarios: every `bench/scenarios/*.ts` that exports `scenario: Scenario`
 * (`bench/lib/types.ts`) — `{ name, title, run(): Promise<BenchRow[]> }`, each row
 * `{ metric, measured, target?, ideal?, ratio?, settings }`. Filters select scenarios whose
 * name contains any of them (`npm run bench -- emulator` runs `emulator-*`).
 *
 * Section format of results.md (one per scenario, sorted by name; a run replaces only the
 * sections of the scenarios it ran, so other helpers' sections are kept):
 *
 *   <!-- bench:begin <scenario name> -->
 *   ## <name> — <title>
 *
 *   Run <ISO time> · Node <version>, <n> CPUs (<model>), load average <x> at start
 *
 *   | metric | measured | target | ideal | ratio | settings |
 *   | --- | --- | --- | --- | --- | --- |
 *   | ... |
 *   <!-- bench:end <scenario name> -->
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { environmentLine } from "./lib/environment.js";
import { renderSection } from "./lib/render.js";
import { mergeResults, wrapSection } from "./lib/results-file.js";
import { loadScenarios } from "./lib/scenarios.js";

const RESULTS = fileURLToPath(new URL("./results.md", import.meta.url));

async function readExisting(): Promise<string> {
  try {
    return await readFile(RESULTS, "utf8");
  } catch {
    return "";
  }
}

/** results.md as prettier writes it, so `npm run lint` stays clean after a run. */
async function formatted(markdown: string): Promise<string> {
  const config = (await resolveConfig(RESULTS)) ?? {};
  return format(markdown, { ...config, parser: "markdown" });
}

async function main(): Promise<void> {
  const scenarios = await loadScenarios(process.argv.slice(2));
  if (scenarios.length === 0) {
    console.error(`no scenario matches ${JSON.stringify(process.argv.slice(2))}`);
    process.exitCode = 2;
    return;
  }
  const updates = new Map<string, string>();
  for (const scenario of scenarios) {
    console.log(`bench: ${scenario.name} …`);
    const environment = environmentLine();
    const at = new Date();
    const rows = await scenario.run();
    for (const row of rows)
      console.log(`  ${row.metric}: ${row.measured}${row.target ? ` (target ${row.target})` : ""}`);
    updates.set(
      scenario.name,
      wrapSection(scenario.name, renderSection(scenario, rows, environment, at)),
    );
    // Write after every scenario so a later failure keeps what was measured.
    await writeFile(RESULTS, await formatted(mergeResults(await readExisting(), updates)));
  }
  console.log(`bench: wrote ${RESULTS}`);
}

await main();
