/**
 * The demo flow `npm start` runs when no ConnectWise is configured: against the built-in
 * emulator, through the same services and CLI command bodies a script uses — connection test,
 * customers pushed and matched, devices pushed and synced into configurations (existing ones
 * adopted), an alert ticket opened and closed — printing each step with its counts.
 */
import type { Emulator } from "@cwbridge/connectwise-emulator";
import { connectionsTest } from "../cli/commands/connections-test.js";
import { customersMatch } from "../cli/commands/customers-match.js";
import { pushAlert } from "../cli/commands/push-alert.js";
import { syncCommand } from "../cli/commands/sync.js";
import type { CliSession } from "../cli/session.js";
import { enableConnection } from "../features/connections/index.js";
import { pushCustomers, type MatchReport } from "../features/customers/index.js";
import { pushDevices, type SyncReport } from "../features/devices/index.js";
import { DEMO_ALERT_DEVICE, DEMO_CUSTOMERS, DEMO_DEVICES, DEMO_NAMES } from "./demo-data.js";
import type { DemoEmulator } from "./demo-emulator.js";
import { ensureDemoConnection, ensureDemoSource } from "./demo-setup.js";
import { deviceLinks, newLinks } from "./device-links.js";

/** What the demo did (printed, and returned for tests). */
export interface DemoSummary {
  readonly customers: {
    readonly matched: number;
    readonly review: number;
    readonly unmatched: number;
  };
  readonly devices: { readonly received: number; readonly changed: number };
  readonly configurations: {
    readonly created: number;
    readonly adopted: number;
    readonly updated: number;
    readonly unchanged: number;
    /** Devices linked to a configuration after the sync. */
    readonly total: number;
  };
  readonly ticket: {
    readonly id: number | null;
    readonly openedAction: string;
    readonly closed: boolean;
  };
}

/**
 * Runs the demo; `print` receives one human line per step.
 *
 * @example
 * const summary = await runDemo(session, demo, (line) => process.stdout.write(`${line}\n`));
 */
export async function runDemo(
  session: CliSession,
  demo: DemoEmulator,
  print: (line: string) => void,
): Promise<DemoSummary> {
  const { ctx } = await session.engine();
  print(
    `1. ConnectWise emulator (demo seed) on ${demo.credentials.url}${demo.restored ? " (state of the last run restored)" : ""}`,
  );
  const { connection, created } = await ensureDemoConnection(ctx, demo.credentials);
  await connectionsTest(session, { name: connection.name });
  print(
    `2. connection '${connection.name}' ${created ? "added" : "reused"} and tested: companyinfo ✓ system/info ✓ who-am-I ✓`,
  );
  const { source, token } = await ensureDemoSource(ctx, connection.id);
  print(
    `3. source '${source.name}' ${token === undefined ? "reused" : "added (its push token was shown once; the demo does not need it)"}`,
  );
  const customers = await pushCustomers(ctx, source.id, DEMO_CUSTOMERS);
  const match = (await customersMatch(session, { source: source.id })).data as MatchReport;
  print(
    `4. ${customers.upserted} customers pushed → ${match.matched} matched to ConnectWise companies, ${match.review} to review, ${match.none} unmatched`,
  );
  const devices = await pushDevices(ctx, source.id, DEMO_DEVICES, { mode: "snapshot" });
  print(
    `5. ${devices.received} devices pushed (${devices.changed} new or changed, ${devices.unchanged} unchanged)`,
  );
  await enableConnection(ctx, connection.id);
  const existing = new Set(demo.emulator.table("configurations").map((c) => c.id));
  const before = await deviceLinks(ctx, source.id);
  const sync = (await syncCommand(session, { source: source.id })).data as {
    reports: readonly SyncReport[];
  };
  const after = await deviceLinks(ctx, source.id);
  const linked = newLinks(before, after, existing);
  const total = [...after.values()].filter((id) => id !== null).length;
  const configurations = { ...totals(sync.reports), ...linked, total };
  print(
    `6. connection enabled; sync → ${linked.created} configurations created, ${linked.adopted} existing ones adopted (matched by serial number), ${configurations.updated} updated, ${configurations.unchanged} unchanged`,
  );
  const ticket = await alertRoundTrip(session, source.id, demo.emulator, print);
  await demo.save();
  return {
    customers: { matched: match.matched, review: match.review, unmatched: match.none },
    devices: { received: devices.received, changed: devices.changed },
    configurations,
    ticket,
  };
}

async function alertRoundTrip(
  session: CliSession,
  sourceId: string,
  emulator: Emulator,
  print: (line: string) => void,
): Promise<DemoSummary["ticket"]> {
  const run = `${Date.now()}`;
  const event = {
    source: sourceId,
    name: "Disk space low",
    customer: DEMO_ALERT_DEVICE.customerId,
    device: DEMO_ALERT_DEVICE.externalId,
    summary: `C: is 97% full on ${DEMO_ALERT_DEVICE.name}`,
    severity: "warning",
  };
  const fired = (await pushAlert(session, { ...event, id: `demo-fire-${run}`, kind: "fire" }))
    .data as AlertData;
  const id = fired.incident?.ticketId ?? null;
  print(
    `7. alert fired on ${DEMO_ALERT_DEVICE.name} → ticket #${id ?? "?"} ${fired.action === "reopen" ? "reopened" : "opened"} on 'Monitoring Alerts'`,
  );
  await pushAlert(session, { ...event, id: `demo-resolve-${run}`, kind: "resolve" });
  const closed = emulator.table("tickets").find((t) => t.id === id)?.["closedFlag"] === true;
  print(
    `8. alert resolved → ticket #${id ?? "?"} ${closed ? "closed" : "NOT closed (see cwbridge events)"}`,
  );
  return { id, openedAction: fired.action, closed };
}

interface AlertData {
  readonly action: string;
  readonly incident: { readonly ticketId: number | null } | null;
}

function totals(reports: readonly SyncReport[]): Omit<DemoSummary["configurations"], "total"> {
  const sum = (pick: (r: SyncReport) => number): number => reports.reduce((n, r) => n + pick(r), 0);
  return {
    created: sum((r) => r.created),
    adopted: sum((r) => r.adopted),
    updated: sum((r) => r.updated),
    unchanged: sum((r) => r.unchanged),
  };
}

/**
 * The commands to do it for real, printed after the demo.
 *
 * @example
 * for (const line of forRealLines()) console.log(line);
 */
export function forRealLines(): string[] {
  return [
    "",
    "Do it for real (your ConnectWise, your tool):",
    "  cwbridge connections add --name acme --site na --company <companyId> --public-key <public> \\",
    "    --private-key-file ./private.key --client-id <clientId>",
    "  cwbridge connections test acme && cwbridge permissions check acme",
    "  cwbridge sources add --name rmm --connection acme          # prints the source's token once",
    "  cwbridge customers push --source rmm --file customers.json",
    "  cwbridge customers match --source rmm --type Customer --status Active",
    "  cwbridge customers list --source rmm --review              # then: customers map …",
    "  cwbridge push devices --source rmm --file devices.csv",
    "  cwbridge sync --plan                                        # nothing is written yet",
    "  cwbridge connections enable acme && cwbridge sync",
    "  cwbridge rules add --board 'Service Desk'                   # where alert tickets go",
    "  cwbridge push alert --source rmm --id e1 --kind fire --name 'Disk full' --customer <id> --summary 'C: 98%'",
    "  cwbridge events",
    `  (the demo keeps its data in the data dir; connection '${DEMO_NAMES.connection}', source '${DEMO_NAMES.source}')`,
  ];
}
