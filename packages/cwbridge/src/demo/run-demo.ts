/**
 * The demo flow `npm start` runs when no ConnectWise is configured: against the built-in
 * emulator, through the app and its features, as the CLI's commands do — connection test,
 * customers pushed and matched, devices pushed and synced into configurations (existing ones
 * adopted), an alert ticket opened and closed — printing each step with its counts.
 */
import type { Emulator } from "@cwbridge/connectwise-emulator";
import type { App } from "../app/open-app.js";
import { enableConnection, testConnection } from "../features/connections/index.js";
import { matchCustomers, pushCustomers, refreshCompanies } from "../features/customers/index.js";
import { pushDevices, type SyncReport } from "../features/devices/index.js";
import { sourceConnectionId } from "../features/sources/index.js";
import { pushDemoAlert } from "./demo-alert.js";
import { DEMO_ALERT_DEVICE, DEMO_CUSTOMERS, DEMO_DEVICES, DEMO_NAMES } from "./demo-data.js";
import type { DemoEmulator } from "./demo-emulator.js";
import { DemoError } from "./demo-error.js";
import { ensureDemoConnection, ensureDemoSource } from "./demo-setup.js";
import { syncDemoSource } from "./demo-sync.js";
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
 * Runs the demo on an opened app; `print` receives one human line per step; `signal`
 * (Ctrl-C) stops the in-process worker runs early.
 *
 * @example
 * const summary = await runDemo(app, demo, (line) => process.stdout.write(`${line}\n`));
 */
export async function runDemo(
  app: App,
  demo: DemoEmulator,
  print: (line: string) => void,
  signal?: AbortSignal,
): Promise<DemoSummary> {
  const { ctx } = app;
  print(
    `1. ConnectWise emulator (demo seed) on ${demo.credentials.url}${demo.restored ? " (state of the last run restored)" : ""}`,
  );
  const { connection, created } = await ensureDemoConnection(ctx, demo.credentials);
  await testDemoConnection(app, connection.name);
  print(
    `2. connection '${connection.name}' ${created ? "added" : "reused"} and tested: companyinfo ✓ system/info ✓ who-am-I ✓`,
  );
  const { source, token } = await ensureDemoSource(ctx, connection.id);
  print(
    `3. source '${source.name}' ${token === undefined ? "reused" : "added (its push token was shown once; the demo does not need it)"}`,
  );
  const customers = await pushCustomers(ctx, source.id, DEMO_CUSTOMERS);
  await refreshCompanies(ctx, await sourceConnectionId(ctx, source.id));
  const match = await matchCustomers(ctx, source.id);
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
  const reports = await syncDemoSource(app, source.id, signal);
  const after = await deviceLinks(ctx, source.id);
  const linked = newLinks(before, after, existing);
  const total = [...after.values()].filter((id) => id !== null).length;
  const configurations = { ...totals(reports), ...linked, total };
  print(
    `6. connection enabled; sync → ${linked.created} configurations created, ${linked.adopted} existing ones adopted (matched by serial number), ${configurations.updated} updated, ${configurations.unchanged} unchanged`,
  );
  const ticket = await alertRoundTrip(app, source.id, demo.emulator, print, signal);
  await demo.save();
  return {
    customers: { matched: match.matched, review: match.review, unmatched: match.none },
    devices: { received: devices.received, changed: devices.changed },
    configurations,
    ticket,
  };
}

/** Tests the demo connection; a failed step is `CWB_ERR_DEMO_CONNECTION_TEST_FAILED`. */
async function testDemoConnection(app: App, name: string): Promise<void> {
  const test = await testConnection(app.ctx, name);
  if (test.ok) return;
  const failed = test.steps.find((s) => s.failure !== undefined);
  throw new DemoError(
    "CWB_ERR_DEMO_CONNECTION_TEST_FAILED",
    `connection '${name}' failed at ${failed?.name ?? "a step"}: ${failed?.failure?.cause ?? "see npx cwbridge connections test"}`,
  );
}

async function alertRoundTrip(
  app: App,
  sourceId: string,
  emulator: Emulator,
  print: (line: string) => void,
  signal: AbortSignal | undefined,
): Promise<DemoSummary["ticket"]> {
  const run = `${Date.now()}`;
  const event = (id: string, kind: "fire" | "resolve"): Record<string, unknown> => ({
    id,
    kind,
    name: "Disk space low",
    customerId: DEMO_ALERT_DEVICE.customerId,
    summary: `C: is 97% full on ${DEMO_ALERT_DEVICE.name}`,
    deviceId: DEMO_ALERT_DEVICE.externalId,
    severity: "warning",
  });
  const fired = await pushDemoAlert(app, sourceId, event(`demo-fire-${run}`, "fire"), signal);
  const id = fired.ticketId;
  print(
    `7. alert fired on ${DEMO_ALERT_DEVICE.name} → ticket #${id ?? "?"} ${fired.action === "reopen" ? "reopened" : "opened"} on 'Monitoring Alerts'`,
  );
  await pushDemoAlert(app, sourceId, event(`demo-resolve-${run}`, "resolve"), signal);
  const closed = emulator.table("tickets").find((t) => t.id === id)?.["closedFlag"] === true;
  print(
    `8. alert resolved → ticket #${id ?? "?"} ${closed ? "closed" : "NOT closed (see npx cwbridge events)"}`,
  );
  return { id, openedAction: fired.action, closed };
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
    "Do it for real (your ConnectWise, your tool), from this checkout:",
    "  npx cwbridge connections add --name acme --site na --company <companyId> --public-key <public> \\",
    "    --private-key-file ./private.key --client-id <clientId>",
    "  npx cwbridge connections test acme && npx cwbridge permissions check acme",
    "  npx cwbridge sources add --name rmm --connection acme      # prints the source's token once",
    "  npx cwbridge customers push --source rmm --file customers.json",
    "  npx cwbridge customers match --source rmm --type Customer --status Active",
    "  npx cwbridge customers list --source rmm --review          # then: customers map …",
    "  npx cwbridge push devices --source rmm --file devices.csv",
    "  npx cwbridge sync --plan                                    # nothing is written yet",
    "  npx cwbridge connections enable acme && npx cwbridge sync",
    "  npx cwbridge rules add --board 'Service Desk'               # where alert tickets go",
    "  npx cwbridge push alert --source rmm --id e1 --kind fire --name 'Disk full' --customer <id> --summary 'C: 98%'",
    "  npx cwbridge events",
    `  (the demo keeps its data in the data dir; connection '${DEMO_NAMES.connection}', source '${DEMO_NAMES.source}')`,
  ];
}
