/**
 * Test-only: an engine on an isolated store with the in-process emulator, a source, the demo
 * customers pushed, companies refreshed and matched — ready for device pushes.
 */
import type { LedgerEntry } from "@cwbridge/connectwise-emulator";
import { createTestApp, type TestApp, type TestAppOptions } from "../../../app/testing/test-app.js";
import type { DialectKind } from "../../../store/dialects/dialect-ops.js";
import {
  customersJobHandlers,
  matchCustomers,
  pushCustomers,
  refreshCompanies,
} from "../../customers/index.js";
import { addSource } from "../../sources/index.js";
import { deviceJobHandlers } from "../jobs.js";

/** Demo customers (source ids → demo company identifiers). */
export const FIXTURE_CUSTOMERS = [
  { id: "acme", name: "Acme Corporation", identifier: "AcmeCorp" },
  { id: "globex", name: "Globex, Inc.", identifier: "Globex" },
  { id: "initech", name: "Initech LLC" },
  { id: "stark", name: "Stark Industries" },
] as const;

/** A ready sync fixture. */
export interface SyncFixture {
  readonly t: TestApp;
  readonly sourceId: string;
  /** Demo company id by identifier. */
  companyId(identifier: string): number;
  /** Runs queued jobs until the queue is idle. */
  drain(): Promise<void>;
  /** Ledger requests since the last `clearLedger`. */
  requests(): Extract<LedgerEntry, { kind: "request" }>[];
  clearLedger(): void;
  close(): Promise<void>;
}

/**
 * Builds the fixture (the worker runs with concurrency 4).
 *
 * @example
 * const f = await createSyncFixture("sqlite");
 * await pushDevices(f.t.ctx, f.sourceId, devices(50, "acme"), { mode: "snapshot" });
 * await f.drain();
 */
export async function createSyncFixture(
  dialect: DialectKind,
  options: Omit<TestAppOptions, "dialect" | "handlers"> & { readonly start?: boolean } = {},
): Promise<SyncFixture> {
  const { start = true, ...engineOptions } = options;
  const t = await createTestApp({
    dialect,
    handlers: { ...deviceJobHandlers, ...customersJobHandlers },
    // Fast tests: no sleeping on retries, a high request rate (concurrency stays capped).
    client: {
      retry: { sleep: async () => undefined },
      throttle: { maxConcurrent: 4, ratePerSecond: 10_000 },
    },
    ...engineOptions,
  });
  const { source } = await addSource(t.ctx, {
    name: "rmm",
    kind: "generic",
    connectionId: t.connectionId,
  });
  await pushCustomers(t.ctx, source.id, FIXTURE_CUSTOMERS);
  await refreshCompanies(t.ctx, t.connectionId);
  await matchCustomers(t.ctx, source.id);
  const companies = new Map(
    t.emulator.table("companies").map((c) => [String(c["identifier"]), c.id]),
  );
  if (start) {
    await t.engine.start({ concurrency: 4, pollMs: 10 });
    await t.ctx.queue.drain({ timeoutMs: 60_000, pollMs: 10 }); // the jobs matching enqueued
  }
  t.emulator.ledger.clear();
  return {
    t,
    sourceId: source.id,
    companyId: (identifier) => {
      const id = companies.get(identifier);
      if (id === undefined) throw new Error(`no demo company ${identifier}`);
      return id;
    },
    drain: () => t.ctx.queue.drain({ timeoutMs: 60_000, pollMs: 10 }),
    requests: () => t.emulator.ledger.requests().filter((r) => r.path.startsWith("/")),
    clearLedger: () => t.emulator.ledger.clear(),
    close: () => t.close(),
  };
}

/**
 * `n` devices of one customer (`PC-<prefix>-001`, …), type "Managed Workstation" unless given.
 *
 * @example
 * makeDevices(3, "acme") // [{ externalId: "acme-1", customerId: "acme", name: "ACME-PC-001", … }, …]
 */
export function makeDevices(
  n: number,
  customerId: string,
  extra: (i: number) => Record<string, string> = () => ({}),
): Record<string, string>[] {
  return Array.from({ length: n }, (_, index) => {
    const i = index + 1;
    return {
      externalId: `${customerId}-${i}`,
      customerId,
      name: `${customerId.toUpperCase()}-PC-${String(i).padStart(3, "0")}`,
      type: "Managed Workstation",
      serialNumber: `SER-${customerId}-${i}`,
      osType: "Windows 11 Pro",
      ...extra(i),
    };
  });
}
