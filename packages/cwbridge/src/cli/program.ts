/**
 * The `cwbridge` command-line program (commander + extra-typings): global options
 * `--data-dir`, `--database-url`, `--tenant`, `--json`, `--verbose`, and every command group.
 */
import { Command } from "@commander-js/extra-typings";
import type { CliIo } from "./io.js";
import { connectionsCommand, permissionsCommand, sourcesCommand } from "./register-connections.js";
import {
  companiesCommand,
  customersCommand,
  eventsCommandDef,
  pushCommand,
  syncCommandDef,
} from "./register-data.js";
import { inventoryCommand } from "./register-inventory.js";
import { emulatorCommandDef, initCommandDef, opsCommands, rulesCommand } from "./register-ops.js";
import { reportsCommand } from "./register-reports.js";
import type { Runner } from "./runner.js";

/** The package version shown by `--version`. */
export const CLI_VERSION = "0.1.0";

/**
 * Builds the program; actions run through `run`; help and parse errors go to `io`.
 *
 * @example
 * const program = buildProgram(runner.run, io);
 * await program.parseAsync(["connections", "list", "--json"], { from: "user" });
 */
export function buildProgram(run: Runner, io: CliIo): Command {
  const program = new Command("cwbridge")
    .description("cwbridge: MSP tools → ConnectWise PSA (customers, devices, alerts, events)")
    .version(CLI_VERSION)
    .option("--data-dir <dir>", "data directory (env CWBRIDGE_HOME, default ./.cwbridge)")
    .option("--database-url <url>", "postgres://… or sqlite:<file> (env DATABASE_URL)")
    .option("--tenant <id>", "the tenant to work in (env CWBRIDGE_TENANT, default 'default')")
    .option("--json", "print exactly one JSON document on stdout")
    .option("--verbose", "debug logs on stderr")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .exitOverride() as unknown as Command;
  const commands = [
    initCommandDef(run),
    connectionsCommand(run),
    permissionsCommand(run),
    sourcesCommand(run),
    customersCommand(run),
    companiesCommand(run),
    pushCommand(run),
    syncCommandDef(run),
    eventsCommandDef(run),
    reportsCommand(run),
    inventoryCommand(run),
    rulesCommand(run),
    emulatorCommandDef(run),
    ...opsCommands(run),
  ];
  for (const command of commands) program.addCommand(inherit(command, io));
  return program;
}

/** Subcommands (and theirs) share the program's output and exit override. */
function inherit(command: Command, io: CliIo): Command {
  command
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    })
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const sub of command.commands) inherit(sub as unknown as Command, io);
  return command;
}
