/**
 * `inventory refresh|members|contacts` (issue #9: user inventory).
 */
import { Command } from "@commander-js/extra-typings";
import { inventoryContacts, inventoryMembers, inventoryRefresh } from "./commands/inventory.js";
import type { Runner } from "./runner.js";

/**
 * The `inventory` command group.
 *
 * @example
 * program.addCommand(inventoryCommand(runner.run));
 */
export function inventoryCommand(run: Runner): Command {
  const group = new Command("inventory").description(
    "user inventory: ConnectWise members and mapped companies' contacts, stored and exported",
  );
  group
    .command("refresh")
    .description("read members and contacts from ConnectWise (incremental after the first run)")
    .option("--connection <name>", "only this connection (default: every connection)")
    .option("--full", "read everything again and reconcile deletions")
    .action((options, cmd) => run(cmd, (s) => inventoryRefresh(s, options)));
  group
    .command("members")
    .description("list or export the stored members (table; --json; --csv)")
    .option("--connection <name>", "only this connection")
    .option("--csv", "CSV instead of a table")
    .option("--output <file>", "write the export to a file (.csv → CSV, else JSON)")
    .option("--deleted", "also members ConnectWise no longer returns")
    .action((options, cmd) => run(cmd, (s) => inventoryMembers(s, options)));
  group
    .command("contacts")
    .description("list or export the stored contacts of mapped companies (table; --json; --csv)")
    .option("--connection <name>", "only this connection")
    .option("--company <company>", "only this company (id, identifier or name)")
    .option("--csv", "CSV instead of a table")
    .option("--output <file>", "write the export to a file (.csv → CSV, else JSON)")
    .option("--deleted", "also contacts ConnectWise no longer returns")
    .action((options, cmd) => run(cmd, (s) => inventoryContacts(s, options)));
  return group;
}
