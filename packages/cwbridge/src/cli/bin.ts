#!/usr/bin/env node
/**
 * The `cwbridge` executable. SIGINT/SIGTERM abort the running command's signal (the worker,
 * the emulator and `events --follow` stop cleanly); a second signal exits at once.
 *
 * @example
 * // npx tsx --conditions=source packages/cwbridge/src/cli/bin.ts connections list --json
 */
import { processIo } from "./io.js";
import { runCli } from "./run-cli.js";

const controller = new AbortController();
const onSignal = (): void => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

process.exitCode = await runCli(process.argv.slice(2), processIo(controller.signal));
process.off("SIGINT", onSignal);
process.off("SIGTERM", onSignal);
