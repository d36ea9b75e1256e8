/**
 * Test-only: a test engine wired for alerts — a source, its customer "acme" mapped to the demo
 * company Acme Corporation (250), a device "ws-1" whose configuration is ACME-WS-001 (20001),
 * alert settings, a movable engine clock and a started worker.
 */
import type { FaultProfile } from "@cwbridge/connectwise-emulator";
import { seedTwinTenant, type TenantTwin } from "../../../app/testing/tenant-isolation.js";
import { createTestApp, type TestApp } from "../../../app/testing/test-app.js";
import type { Job } from "../../../queue/port.js";
import type { DialectKind } from "../../../store/dialects/dialect-ops.js";
import { nowIso } from "../../../store/now.js";
import { tenantScope, type TenantDb } from "../../../store/tenant-scope.js";
import { customersJobHandlers } from "../../customers/index.js";
import { addSource } from "../../sources/index.js";
import { alertJobHandlers } from "../alert-jobs.js";
import { writeAlertSettings, type AlertSettingsInput } from "../alert-settings.js";

/** Demo seed facts the tests rely on. */
export const DEMO = {
  acmeCompanyId: 250,
  acmeConfigId: 20001,
  acmeConfigName: "ACME-WS-001",
  serviceDeskBoardId: 1,
  monitoringBoardId: 2,
} as const;

/** An alerts test bench. */
export interface AlertBench {
  readonly t: TestApp;
  readonly sourceId: string;
  /** Moves the engine clock (not the queue's) forward. */
  advance(ms: number): void;
  /** Waits until no job is pending or running. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createAlertBench}. */
export interface AlertBenchOptions {
  readonly dialect: DialectKind;
  readonly settings?: AlertSettingsInput;
  readonly faults?: FaultProfile;
  readonly randomSeed?: number;
  readonly concurrency?: number;
  /** Start the worker (default true). */
  readonly start?: boolean;
  /** Extra environment for the engine's config (e.g. `CWBRIDGE_QUEUE`). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Builds the bench (see the module comment).
 *
 * @example
 * const bench = await createAlertBench({ dialect: "sqlite" });
 */
export async function createAlertBench(options: AlertBenchOptions): Promise<AlertBench> {
  let offset = 0;
  const t = await createTestApp({
    dialect: options.dialect,
    handlers: { ...alertJobHandlers, ...customersJobHandlers },
    clock: { now: () => new Date(Date.now() + offset) },
    ...(options.env === undefined ? {} : { env: options.env }),
    emulatorOptions: {
      ...(options.faults === undefined ? {} : { faults: options.faults }),
      ...(options.randomSeed === undefined ? {} : { randomSeed: options.randomSeed }),
    },
  });
  try {
    const { source } = await addSource(t.ctx, {
      name: "monitor",
      kind: "generic",
      connectionId: t.connectionId,
    });
    await seedMappingAndDevice(t, source.id);
    await writeAlertSettings(t.ctx, t.connectionId, { settleWindowMs: 0, ...options.settings });
    if (options.start !== false)
      await t.engine.start({ concurrency: options.concurrency ?? 4, pollMs: 10 });
    return {
      t,
      sourceId: source.id,
      advance: (ms) => {
        offset += ms;
      },
      drain: (timeoutMs = 30_000) => t.ctx.queue.drain({ timeoutMs, pollMs: 10 }),
      close: () => t.close(),
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

async function seedMappingAndDevice(
  t: TestApp,
  sourceId: string,
  db: TenantDb = tenantScope(t.ctx.store, t.ctx.tenant).db,
  connectionId: string = t.connectionId,
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto("mappings", {
      source_id: sourceId,
      customer_external_id: "acme",
      connection_id: connectionId,
      cw_company_id: DEMO.acmeCompanyId,
      cw_site_id: null,
      method: "manual",
      last_error: null,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("devices", {
      source_id: sourceId,
      external_id: "ws-1",
      customer_external_id: "acme",
      data_json: JSON.stringify({ name: DEMO.acmeConfigName }),
      content_hash: "test",
      pushed_hash: null,
      cw_config_id: DEMO.acmeConfigId,
      cw_company_id: DEMO.acmeCompanyId,
      last_seen_at: now,
      updated_at: now,
    })
    .execute();
}

/** A second tenant's world on the same engine (see {@link seedTenant}). */
export type TenantWorld = TenantTwin;

/**
 * Gives `tenant` the same world as the bench's: an enabled connection named `emulator` to the
 * same emulator and a source named `monitor` (`seedTwinTenant`, the isolation suites' shared
 * setup), customer "acme" mapped, device "ws-1", alert settings.
 *
 * @example
 * const b = await seedTenant(bench.t, "b");
 */
export async function seedTenant(t: TestApp, tenant: string): Promise<TenantWorld> {
  const twin = await seedTwinTenant(t, { tenant, sourceName: "monitor" });
  await seedMappingAndDevice(t, twin.sourceId, twin.ctx.scope.db, twin.connectionId);
  await writeAlertSettings(twin.ctx, twin.connectionId, { settleWindowMs: 0 });
  return twin;
}

/**
 * Runs the alert job `kind` for the incident `key` once, directly (no queue), as the worker
 * would with job id `id`.
 *
 * @example
 * await runAlertJob(bench, "ensure-ticket", incidentKey);
 */
export async function runAlertJob(
  bench: AlertBench,
  kind: string,
  key: string,
  id = `test-${kind}`,
): Promise<void> {
  const handler = alertJobHandlers[kind];
  if (handler === undefined) throw new Error(`no handler ${kind}`);
  const job: Job = {
    id,
    kind,
    payload: { key },
    attempts: 1,
    maxAttempts: 25,
    key: null,
    queue: null,
    tenant: bench.t.ctx.tenant,
  };
  await handler(bench.t.ctx, job);
}

let counter = 0;

/**
 * A fire event for customer "acme" (device "ws-1" unless overridden), with a fresh delivery id.
 *
 * @example
 * await ingestAlert(bench.t.ctx, bench.sourceId, fire({ name: "Disk full" }));
 */
export function fire(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    id: `evt-${process.pid}-${counter}`,
    kind: "fire",
    name: "Disk space low",
    summary: "C: is 97% full on ws-1",
    customerId: "acme",
    deviceId: "ws-1",
    ...overrides,
  };
}

/**
 * The resolve event matching {@link fire} with the same overrides.
 *
 * @example
 * await ingestAlert(bench.t.ctx, bench.sourceId, resolve({ name: "Disk full" }));
 */
export function resolve(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return fire({ kind: "resolve", ...overrides });
}
