/**
 * `connections …`, `permissions check`, `sources …`.
 */
import { Command } from "@commander-js/extra-typings";
import { connectionsAdd } from "./commands/connections-add.js";
import { connectionsAlerts } from "./commands/connections-alerts.js";
import { connectionsList } from "./commands/connections-list.js";
import { connectionsRemove } from "./commands/connections-remove.js";
import { connectionsTest } from "./commands/connections-test.js";
import { connectionsToggle } from "./commands/connections-toggle.js";
import { connectionsUpdate } from "./commands/connections-update.js";
import { permissionsCheck } from "./commands/permissions-check.js";
import { sourcesAdd } from "./commands/sources-add.js";
import { sourcesList } from "./commands/sources-list.js";
import { collect } from "./collect.js";
import type { Runner } from "./runner.js";

/**
 * The `connections` command group.
 *
 * @example
 * program.addCommand(connectionsCommand(runner.run));
 */
export function connectionsCommand(run: Runner): Command {
  const group = new Command("connections").description("ConnectWise connections (API members)");
  group
    .command("add")
    .description(
      "add a connection, tested on save (a failed test keeps nothing, exit 3); disabled until `connections enable`",
    )
    .requiredOption("--name <name>", "a name for this connection")
    .requiredOption(
      "--site <site>",
      "cloud region (na, eu, au, za, staging) or on-prem https origin",
    )
    .requiredOption("--company <id>", "ConnectWise company ID (the login company)")
    .requiredOption("--public-key <key>", "API member public key")
    .option(
      "--private-key <key>",
      "API member private key (prefer --private-key-file or --private-key-stdin)",
    )
    .option("--private-key-file <file>", "read the private key from a file")
    .option("--private-key-stdin", "read the private key from stdin")
    .requiredOption("--client-id <id>", "your integration's clientId (developer.connectwise.com)")
    .option("--member-id <id>", "the API member's identifier (checked by the test)")
    .option("--api-version <version>", 'ConnectWise API version, e.g. "2025.16"')
    .option("--allow-on-prem", "allow an on-prem (non-cloud) site URL")
    .option("--allow-insecure", "allow plain http:// (local emulator only)")
    .option("--enable", "enable writes right away")
    .option("--no-test", "save without testing (it stays disabled unless --enable)")
    .action((options, cmd) => run(cmd, (s) => connectionsAdd(s, options)));
  group
    .command("update")
    .description(
      "change a connection: only the fields given (validated first; nothing changes on error)",
    )
    .argument("<name>", "connection name or id")
    .option("--rename <name>", "a new name for the connection")
    .option("--site <site>", "cloud region (na, eu, au, za, staging) or on-prem https origin")
    .option("--company <id>", "ConnectWise company ID (the login company)")
    .option("--public-key <key>", "API member public key")
    .option(
      "--private-key <key>",
      "API member private key (prefer --private-key-file or --private-key-stdin)",
    )
    .option("--private-key-file <file>", "read the private key from a file")
    .option("--private-key-stdin", "read the private key from stdin")
    .option("--client-id <id>", "your integration's clientId (developer.connectwise.com)")
    .option("--member-id <id>", "the API member's identifier (checked by the test)")
    .option("--no-member-id", "forget the API member's identifier")
    .option("--api-version <version>", 'ConnectWise API version, e.g. "2025.16"')
    .option("--allow-on-prem", "allow an on-prem (non-cloud) site URL")
    .option("--no-allow-on-prem", "allow cloud regions only")
    .option("--allow-insecure", "allow plain http:// (local emulator only)")
    .option("--no-allow-insecure", "require https://")
    .option("--test", "test the connection afterwards (exit 3 when the test fails)")
    .action((name, options, cmd) => run(cmd, (s) => connectionsUpdate(s, { ...options, name })));
  group
    .command("alerts")
    .description("show or change the alert settings: default ticket target, close statuses")
    .argument("<name>", "connection name or id")
    .option("--board <name>", "default board (when no routing rule matches)")
    .option("--type <name>", "default ticket type (on that board)")
    .option("--subtype <name>", "default subtype")
    .option("--item <name>", "default item")
    .option("--priority <name>", "default priority")
    .option("--severity <level>", "Low, Medium or High")
    .option("--impact <level>", "Low, Medium or High")
    .option("--close-status <name>", "closed status to use when the board has it")
    .option("--duplicate-status <name>", "closed status for duplicates")
    .option("--verify", "check every name against ConnectWise before saving")
    .action((name, options, cmd) => run(cmd, (s) => connectionsAlerts(s, { ...options, name })));
  group
    .command("list")
    .description("list connections")
    .action((_options, cmd) => run(cmd, (s) => connectionsList(s)));
  group
    .command("test")
    .description("test a connection: companyinfo, system/info, who-am-I (exit 3 on failure)")
    .argument("<name>", "connection name or id")
    .action((name, _options, cmd) => run(cmd, (s) => connectionsTest(s, { name })));
  group
    .command("enable")
    .description("allow writes to ConnectWise")
    .argument("<name>", "connection name or id")
    .action((name, _options, cmd) =>
      run(cmd, (s) => connectionsToggle(s, { name, enabled: true })),
    );
  group
    .command("disable")
    .description("stop all writes to ConnectWise")
    .argument("<name>", "connection name or id")
    .action((name, _options, cmd) =>
      run(cmd, (s) => connectionsToggle(s, { name, enabled: false })),
    );
  group
    .command("remove")
    .description("remove a connection (refused while it has incidents)")
    .argument("<name>", "connection name or id")
    .action((name, _options, cmd) => run(cmd, (s) => connectionsRemove(s, { name })));
  return group;
}

/**
 * The `permissions` command group.
 *
 * @example
 * program.addCommand(permissionsCommand(runner.run));
 */
export function permissionsCommand(run: Runner): Command {
  const group = new Command("permissions").description("API member permissions");
  group
    .command("check")
    .description("check the API member's security role (exit 3 when something is missing)")
    .argument("[connection]", "connection name or id (default: the only one)")
    .option(
      "--feature <feature>",
      "check this feature (repeatable; default: the connection's)",
      collect,
    )
    .action((connection, options, cmd) =>
      run(cmd, (s) =>
        permissionsCheck(s, {
          ...(connection === undefined ? {} : { connection }),
          ...(options.feature === undefined ? {} : { features: options.feature }),
        }),
      ),
    );
  return group;
}

/**
 * The `sources` command group.
 *
 * @example
 * program.addCommand(sourcesCommand(runner.run));
 */
export function sourcesCommand(run: Runner): Command {
  const group = new Command("sources").description("tools that push customers, devices and alerts");
  group
    .command("add")
    .description("add a source and print its bearer token (once)")
    .requiredOption("--name <name>", "source name")
    .option("--kind <kind>", "source kind, e.g. generic, alertmanager", "generic")
    .option("--connection <name>", "ConnectWise connection (default: the only one)")
    .action((options, cmd) => run(cmd, (s) => sourcesAdd(s, options)));
  group
    .command("list")
    .description("list sources")
    .action((_options, cmd) => run(cmd, (s) => sourcesList(s)));
  return group;
}
