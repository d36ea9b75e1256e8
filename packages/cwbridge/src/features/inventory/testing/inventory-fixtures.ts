/**
 * Test-only helpers of the inventory feature: raw emulator requests (a technician's edits),
 * mapping companies, and a refresh run through the queue.
 */
import { DEMO_KEYS, type Emulator } from "@cwbridge/connectwise-emulator";
import type { TestApp } from "../../../app/testing/test-app.js";
import { callUseCase } from "../../../core/use-case.js";
import { mapCustomer, pushCustomers } from "../../customers/index.js";
import { addSource } from "../../sources/index.js";
import { inventoryFeature } from "../feature.js";
import type { StoredRefresh } from "../jobs.js";
import type { RefreshReport } from "../refresh-inventory.js";

const cases = inventoryFeature.useCases;

/** Sends a raw request to the emulator as the demo admin (a technician editing in ConnectWise). */
export async function emulatorRequest(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const c = emulator.credentials;
  const response = await emulator.fetch(`http://cw.emulator/${c.codebase}apis/3.0${path}`, {
    method,
    headers: {
      authorization: `Basic ${btoa(`${c.companyId}+${DEMO_KEYS.admin.publicKey}:${DEMO_KEYS.admin.privateKey}`)}`,
      clientId: c.clientId,
      "content-type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** Maps customers of a new source to these company identifiers. */
export async function mapCompanies(t: TestApp, identifiers: readonly string[]): Promise<void> {
  const { source } = await addSource(t.ctx, { name: "rmm", connectionId: t.connectionId });
  await pushCustomers(
    t.ctx,
    source.id,
    identifiers.map((identifier) => ({ id: `c-${identifier}`, name: identifier })),
  );
  for (const identifier of identifiers) {
    await mapCustomer(t.ctx, source.id, `c-${identifier}`, { companyIdentifier: identifier });
  }
}

/** Queues a refresh and runs the worker until it is done; returns the stored report. */
export async function refreshViaQueue(t: TestApp, full = false): Promise<RefreshReport> {
  const { jobs } = await callUseCase(t.ctx, cases.refresh, { connectionId: t.connectionId, full });
  const deadline = Date.now() + 30_000;
  for (const { jobId } of jobs) {
    for (;;) {
      const job = await t.ctx.queue.getJob(jobId);
      if (job === undefined || job.status === "failed") break;
      if (Date.now() > deadline) throw new Error("the refresh job did not finish");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const { reports } = await callUseCase(t.ctx, cases.status, { connectionId: t.connectionId });
  const report = reports[0] as StoredRefresh;
  if (report.outcome !== "ok") throw new Error(`refresh failed: ${report.error.message}`);
  return report;
}
