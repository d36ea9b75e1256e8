#!/usr/bin/env node
/**
 * `cw-emulator`: runs the ConnectWise PSA emulator on a port.
 *
 * @example
 * // npx cw-emulator --seed demo --port 8080
 * // npx tsx --conditions=source packages/connectwise-emulator/src/bin.ts --port 0 --json
 */
import { banner, credentialsLine } from "./banner.js";
import { CliUsageError, USAGE, parseCli, type CliOptions } from "./cli-options.js";
import { createEmulator } from "./create-emulator.js";

async function run(options: CliOptions): Promise<void> {
  const emulator = createEmulator({
    seed: options.seed,
    randomSeed: options.randomSeed,
    faults: options.faults,
    ledgerLimit: 100_000,
  });
  const server = await emulator.listen({
    port: options.port,
    host: options.host,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  const credentials = { ...emulator.credentials, url: server.url };
  process.stdout.write(
    `${options.json ? credentialsLine(credentials) : banner(credentials, { insecure: options.tls !== undefined })}\n`,
  );
  const stop = (): void => {
    void server
      .close()
      .then(() => emulator.close())
      .then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function main(argv: readonly string[]): void {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`cw-emulator: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  run(options).catch((error: unknown) => {
    process.stderr.write(
      `cw-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

main(process.argv.slice(2));
