#!/usr/bin/env node
// Runs the whole vitest suite and closes with the plain line CI reads:
// "N passed, N failed, N skipped" (vitest's own summary is not read by CI).
// Extra arguments are passed to vitest (e.g. a file filter).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";

const outDir = ".test-results";
const outFile = join(outDir, "vitest.json");
mkdirSync(outDir, { recursive: true });
if (existsSync(outFile)) rmSync(outFile);

const args = [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${outFile}`,
  ...process.argv.slice(2),
];
const run = spawnSync("npx", args, { stdio: "inherit", env: process.env });

if (!existsSync(outFile)) {
  console.log("0 passed, 1 failed, 0 skipped");
  console.error(`vitest wrote no report (exit ${run.status ?? run.signal})`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(outFile, "utf8"));
const passed = report.numPassedTests ?? 0;
const failedTests = report.numFailedTests ?? 0;
// A suite that fails to load counts as one failure so it cannot hide.
const failedSuites = (report.testResults ?? []).filter(
  (s) => s.status === "failed" && (s.assertionResults ?? []).length === 0,
).length;
const failed = failedTests + failedSuites;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
