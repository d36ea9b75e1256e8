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
import { resolveSeed } from "./seeds/index.js";
import { CustomMembersError, withCustomMembers } from "./seeds/custom-members.js";
import type { SeedData } from "./types.js";

function seedOf(options: CliOptions): SeedData {
  try {
    return withCustomMembers(resolveSeed(options.seed), options.members);
  } catch (error) {
    if (error instanceof CustomMembersError) throw new CliUsageError(error.message);
    throw error;
  }
}

async function run(options: CliOptions, seed: SeedData): Promise<void> {
  const emulator = createEmulator({
    seed,
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
    `${options.json ? credentialsLine(credentials) : banner(credentials, { insecure: options.tls !== undefined, added: addedMembers(options) })}\n`,
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

function addedMembers(options: CliOptions): string[] {
  return (options.members.apiMembers ?? []).map(
    (member) =>
      `${member.identifier} (public key ${member.publicKey}, role ${member.role ?? "cwbridge Integration"})`,
  );
}

function main(argv: readonly string[]): void {
  let options: CliOptions;
  let seed: SeedData;
  try {
    options = parseCli(argv);
    seed = seedOf(options);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`cw-emulator: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  run(options, seed).catch((error: unknown) => {
    process.stderr.write(
      `cw-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

main(process.argv.slice(2));
