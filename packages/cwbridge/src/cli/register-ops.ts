/**
 * `init`, `emulator`, `doctor`, `keys rotate`, `worker`, `rules …`.
 */
import { Command } from "@commander-js/extra-typings";
import { collect } from "./collect.js";
import { doctor } from "./commands/doctor.js";
import { emulatorCommand } from "./commands/emulator.js";
import { init } from "./commands/init.js";
import { keysRotate } from "./commands/keys-rotate.js";
import { rulesAdd, rulesList, rulesRemove } from "./commands/rules.js";
import { workerCommand } from "./commands/worker.js";
import type { Runner } from "./runner.js";
import { DEFAULT_WORKER_CONCURRENCY } from "../app/run-worker.js";

/**
 * `init`.
 *
 * @example
 * program.addCommand(initCommandDef(runner.run));
 */
export function initCommandDef(run: Runner): Command {
  return new Command("init")
    .description(
      "create the data directory, master key and database; optionally a first connection",
    )
    .option("--name <name>", "connection name", "default")
    .option("--site <site>", "cloud region or on-prem https origin")
    .option("--company <id>", "ConnectWise company ID")
    .option("--public-key <key>", "API member public key")
    .option("--private-key <key>", "API member private key")
    .option("--private-key-file <file>", "read the private key from a file")
    .option("--private-key-stdin", "read the private key from stdin")
    .option("--client-id <id>", "your integration's clientId")
    .option("--member-id <id>", "the API member's identifier")
    .option("--allow-on-prem", "allow an on-prem site URL")
    .option("--allow-insecure", "allow plain http:// (local emulator only)")
    .option("--no-test", "do not test the new connection")
    .option("--no-input", "never prompt")
    .action((options, cmd) => run(cmd, (s) => init(s, options)));
}

/**
 * `emulator`.
 *
 * @example
 * program.addCommand(emulatorCommandDef(runner.run));
 */
export function emulatorCommandDef(run: Runner): Command {
  return new Command("emulator")
    .description("run the built-in ConnectWise PSA emulator until Ctrl-C")
    .option("--port <port>", "port (0 = any free port)", "8080")
    .option("--host <host>", "interface", "127.0.0.1")
    .option("--seed <seed>", "demo or empty", "demo")
    .action((options, cmd) => run(cmd, (s) => emulatorCommand(s, options)));
}

/**
 * `doctor`, `worker`, `keys rotate`.
 *
 * @example
 * for (const c of opsCommands(runner.run)) program.addCommand(c);
 */
export function opsCommands(run: Runner): Command[] {
  const doctorDef = new Command("doctor")
    .description("check the installation and every connection (exit non-zero on failure)")
    .action((_options, cmd) => run(cmd, (s) => doctor(s)));
  const workerDef = new Command("worker")
    .description("run the job worker until Ctrl-C (device syncs, alert tickets, permission checks)")
    .option(
      "--concurrency <n>",
      `jobs at once, 1..64 (default: CWBRIDGE_WORKER_CONCURRENCY, else ${DEFAULT_WORKER_CONCURRENCY}; requests in flight stay capped per connection)`,
    )
    .action((options, cmd) => run(cmd, (s) => workerCommand(s, options)));
  const keys = new Command("keys").description("the master key");
  keys
    .command("rotate")
    .description("new master key; re-encrypt every stored secret")
    .option("--keep-old", "keep the old keys in the key file")
    .action((options, cmd) => run(cmd, (s) => keysRotate(s, options)));
  return [doctorDef, workerDef, keys];
}

/**
 * The `rules` command group (alert routing).
 *
 * @example
 * program.addCommand(rulesCommand(runner.run));
 */
export function rulesCommand(run: Runner): Command {
  const group = new Command("rules").description("alert routing rules (first match wins)");
  group
    .command("add")
    .description("add a routing rule")
    .requiredOption("--board <board>", "service board name or id")
    .option("--source <source>", "only alerts of this source")
    .option("--alert-name <glob>", "alert name pattern (* and ?)")
    .option("--policy <glob>", "policy pattern")
    .option("--label <k=v>", "label that must match (repeatable)", collect)
    .option("--type <name>", "ticket type")
    .option("--subtype <name>", "ticket subtype")
    .option("--item <name>", "ticket item")
    .option("--priority <name>", "priority name")
    .option("--severity <level>", "Low, Medium or High")
    .option("--impact <level>", "Low, Medium or High")
    .option("--position <n>", "0-based place in the order (default: last)")
    .option("--verify [connection]", "check the names against ConnectWise")
    .action((options, cmd) => run(cmd, (s) => rulesAdd(s, options)));
  group
    .command("list")
    .description("list routing rules in order")
    .action((_options, cmd) => run(cmd, (s) => rulesList(s)));
  group
    .command("remove")
    .description("remove a routing rule")
    .argument("<id>", "rule id")
    .action((id, _options, cmd) => run(cmd, (s) => rulesRemove(s, { id })));
  return group;
}
