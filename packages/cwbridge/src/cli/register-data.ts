/**
 * `customers …`, `push devices|alert`, `sync`, `events`.
 */
import { Command } from "@commander-js/extra-typings";
import { collect } from "./collect.js";
import { companiesList } from "./commands/companies-list.js";
import { customersList } from "./commands/customers-list.js";
import { customersMap } from "./commands/customers-map.js";
import { customersMatch } from "./commands/customers-match.js";
import { customersPush } from "./commands/customers-push.js";
import { eventsCommand } from "./commands/events.js";
import { pushAlert } from "./commands/push-alert.js";
import { pushDevicesCommand } from "./commands/push-devices.js";
import { syncCommand } from "./commands/sync.js";
import type { Runner } from "./runner.js";

/**
 * The `customers` command group.
 *
 * @example
 * program.addCommand(customersCommand(runner.run));
 */
export function customersCommand(run: Runner): Command {
  const group = new Command("customers").description("source customers ↔ ConnectWise companies");
  group
    .command("push")
    .description("store a source's customers from a JSON file (array or { customers: [...] })")
    .requiredOption("--source <source>", "source name or id")
    .requiredOption("--file <file>", "customers JSON file (- for stdin)")
    .action((options, cmd) => run(cmd, (s) => customersPush(s, options)));
  group
    .command("match")
    .description("read ConnectWise companies and match the source's customers to them")
    .requiredOption("--source <source>", "source name or id")
    .option("--type <type>", "only companies of this type (repeatable)", collect)
    .option("--status <status>", "only companies with this status (repeatable)", collect)
    .action((options, cmd) => run(cmd, (s) => customersMatch(s, options)));
  group
    .command("list")
    .description("list the source's customer mappings")
    .requiredOption("--source <source>", "source name or id")
    .option("--review", "only those waiting for a human")
    .action((options, cmd) => run(cmd, (s) => customersList(s, options)));
  group
    .command("map")
    .description("map a customer to a company (and site) by hand; wins over matching")
    .requiredOption("--source <source>", "source name or id")
    .requiredOption("--customer <id>", "the source's customer id")
    .requiredOption("--company <company>", "ConnectWise company id, identifier or exact name")
    .option("--site <site>", "ConnectWise site name or id")
    .action((options, cmd) => run(cmd, (s) => customersMap(s, options)));
  return group;
}

/**
 * The `companies` command group.
 *
 * @example
 * program.addCommand(companiesCommand(runner.run));
 */
export function companiesCommand(run: Runner): Command {
  const group = new Command("companies").description("ConnectWise companies (the matching pool)");
  group
    .command("list")
    .description("list the cached companies of a connection")
    .option("--connection <name>", "connection (default: the only one)")
    .option("--type <type>", "only this company type")
    .option("--status <status>", "only this status")
    .option("--search <text>", "name or identifier contains")
    .option("--refresh", "read the companies from ConnectWise first")
    .action((options, cmd) => run(cmd, (s) => companiesList(s, options)));
  return group;
}

/**
 * The `push` command group.
 *
 * @example
 * program.addCommand(pushCommand(runner.run));
 */
export function pushCommand(run: Runner): Command {
  const group = new Command("push").description("push devices or an alert from a source");
  group
    .command("devices")
    .description("store devices from a JSON, NDJSON or CSV file and queue their sync")
    .requiredOption("--source <source>", "source name or id")
    .requiredOption(
      "--file <file>",
      "devices.json, devices.ndjson (.jsonl) or devices.csv (- for stdin with --format)",
    )
    .option("--format <format>", "json, ndjson or csv (default: from the file extension)")
    .option("--mode <mode>", "snapshot (the complete list) or delta", "snapshot")
    .action((options, cmd) => run(cmd, (s) => pushDevicesCommand(s, options)));
  group
    .command("alert")
    .description("push one alert event, then wait for its ticket")
    .requiredOption("--source <source>", "source name or id")
    .option("--file <file>", "the event as JSON (- for stdin)")
    .option("--id <id>", "delivery id (the same id twice is a duplicate)")
    .option("--kind <kind>", "fire or resolve")
    .option("--name <name>", "alert name")
    .option("--customer <id>", "the source's customer id")
    .option("--summary <text>", "one-line summary")
    .option("--description <text>", "longer description")
    .option("--device <id>", "the source's device id")
    .option("--severity <severity>", "critical, error, warning, info or unknown")
    .option("--policy <policy>", "the source's policy name")
    .option("--fingerprint <fp>", "stable identity of the alert in the source")
    .option("--label <k=v>", "a label (repeatable)", collect)
    .option("--no-wait", "only store the event; the worker opens the ticket")
    .action((options, cmd) => run(cmd, (s) => pushAlert(s, options)));
  return group;
}

/**
 * `sync`.
 *
 * @example
 * program.addCommand(syncCommandDef(runner.run));
 */
export function syncCommandDef(run: Runner): Command {
  return new Command("sync")
    .description("sync devices to ConnectWise configurations (--plan: show the writes only)")
    .option("--plan", "print what would be written per company; write nothing")
    .option("--source <source>", "only this source")
    .option("--connection <name>", "only sources of this connection")
    .option(
      "--approve <companyId>",
      "let this company's deactivations pass the guard once (with --source)",
    )
    .action((options, cmd) => run(cmd, (s) => syncCommand(s, options)));
}

/**
 * `events`.
 *
 * @example
 * program.addCommand(eventsCommandDef(runner.run));
 */
export function eventsCommandDef(run: Runner): Command {
  return new Command("events")
    .description("the events log: every ConnectWise request")
    .option("--follow", "keep printing new events (with --json: one JSON document per line)")
    .option("--connection <name>", "only this connection")
    .option("--limit <n>", "how many (default 100, newest)")
    .option("--since <id>", "only events after this id")
    .option("--outcome <outcome>", "sending, ok, retry, error, outcome_unknown or planned")
    .action((options, cmd) => run(cmd, (s) => eventsCommand(s, options)));
}
