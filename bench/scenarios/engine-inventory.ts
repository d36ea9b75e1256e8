/**
 * Engine: user inventory of 50,000 contacts (issue #9). 500 mapped companies × 100 contacts
 * (each with an e-mail and a phone communication item) plus the demo members, read by one
 * `refresh-inventory` job through the queue, against the in-process emulator at L = 20 ms per
 * request, K = 4 requests in flight (client throttle), no rate limit.
 *
 * Ideal: Q_min = pages = ⌈members / 1000⌉ + ⌈contacts / 1000⌉ (every page full), and
 * T_min = pages × L / K. The engine reads contacts in batches of 100 companies
 * (`company/id in (…)`, 5 batches of 10,000 here), up to 4 batches at once; each batch's pages
 * are sequential, so 5 batches on 4 lanes take 2 × 10 page times on the longest lane: the
 * measured time is expected above T_min by about that shape factor (20 / 12.75).
 * Also measured: an unchanged incremental re-run (1 changed-since read + 1 `/count` per part
 * and batch, no full page), and peak RSS of the process over the whole run (the store holds
 * 50,000 rows; the client and the refresh hold one page at a time).
 * The contacts' `lastUpdated` are spread one a minute from 2025-01-01 (as real edits are), so the
 * re-run's overlap window (the last minute before the cursor) holds one or two of them.
 * Settings kept small enough to finish in well under two minutes.
 */
import { demoSeed, type SeedData } from "@cwbridge/connectwise-emulator";
import { createTestApp } from "../../packages/cwbridge/src/app/testing/test-app.js";
import { callUseCase } from "../../packages/cwbridge/src/core/use-case.js";
import {
  matchCustomers,
  pushCustomers,
  refreshCompanies,
} from "../../packages/cwbridge/src/features/customers/index.js";
import { inventoryFeature } from "../../packages/cwbridge/src/features/inventory/feature.js";
import type { StoredRefresh } from "../../packages/cwbridge/src/features/inventory/index.js";
import { addSource } from "../../packages/cwbridge/src/features/sources/index.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const COMPANIES = 500;
const PER_COMPANY = 100;
const CONTACTS = COMPANIES * PER_COMPANY;
const LATENCY_MS = 20;
const K = 4;
const PAGE = 1000;

type Row = Record<string, unknown> & { id: number };

/** Contact `id`'s last change: one a minute from 2025-01-01 (so few share the cursor's minute). */
function stamp(id: number): string {
  return new Date(Date.UTC(2025, 0, 1) + (id - 1_000_000) * 60_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

function seedWithContacts(): {
  seed: SeedData;
  customers: { id: string; name: string; identifier: string }[];
} {
  const base = demoSeed({ companies: COMPANIES });
  const companies: Row[] = (base.tables.companies ?? []).slice(1, COMPANIES + 1);
  const contacts: Row[] = [];
  let id = 1_000_000;
  for (const company of companies) {
    for (let i = 0; i < PER_COMPANY; i += 1) {
      id += 1;
      contacts.push({
        id,
        firstName: `First${id}`,
        lastName: `Last${id}`,
        company: { id: company["id"], identifier: company["identifier"], name: company["name"] },
        inactiveFlag: i % 20 === 0,
        // Last changed long before the run (a seed row would otherwise be stamped "now", inside
        // the incremental read's overlap window, and the re-run would read it again).
        _info: { lastUpdated: stamp(id), updatedBy: "seed" },
        communicationItems: [
          {
            id: id * 10 + 1,
            type: { id: 1, name: "Email" },
            value: `u${id}@example.com`,
            defaultFlag: true,
            communicationType: "Email",
          },
          {
            id: id * 10 + 2,
            type: { id: 2, name: "Direct" },
            value: `555-${id}`,
            defaultFlag: true,
            communicationType: "Phone",
          },
        ],
      });
    }
  }
  return {
    seed: { ...base, tables: { ...base.tables, contacts } },
    customers: companies.map((c) => ({
      id: `org-${String(c["id"])}`,
      name: String(c["name"]),
      identifier: String(c["identifier"]),
    })),
  };
}

export const scenario: Scenario = {
  name: "engine-inventory",
  title: "Engine: user inventory of 50,000 contacts over 500 mapped companies",
  async run(): Promise<BenchRow[]> {
    const { seed, customers } = seedWithContacts();
    const t = await createTestApp({
      seed,
      handlers: inventoryFeature.jobHandlers,
      emulatorOptions: { faults: { latencyMs: 0 } },
      client: { throttle: { ratePerSecond: 100_000, maxConcurrent: K } },
    });
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    try {
      const { source } = await addSource(t.ctx, { name: "bench", connectionId: t.connectionId });
      await pushCustomers(t.ctx, source.id, customers);
      await refreshCompanies(t.ctx, t.connectionId);
      const matched = await matchCustomers(t.ctx, source.id);
      if (matched.matched !== COMPANIES)
        throw new Error(`only ${matched.matched} companies mapped`);
      t.emulator.setFaults({ latencyMs: LATENCY_MS });
      t.emulator.ledger.clear();
      await t.engine.start({ concurrency: 2, pollMs: 10 });
      const refresh = async (): Promise<{ ms: number; report: StoredRefresh }> => {
        const started = performance.now();
        const { jobs } = await callUseCase(t.ctx, inventoryFeature.useCases.refresh, {
          connectionId: t.connectionId,
        });
        for (const { jobId } of jobs) {
          while ((await t.ctx.queue.getJob(jobId)) !== undefined) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        }
        const ms = performance.now() - started;
        const { reports } = await callUseCase(t.ctx, inventoryFeature.useCases.status, {});
        return { ms, report: reports[0] as StoredRefresh };
      };
      const cold = await refresh();
      const coldRequests = t.emulator.ledger.requests().length;
      t.emulator.ledger.clear();
      const warm = await refresh();
      const warmRequests = t.emulator.ledger.requests();
      const members = (seed.tables.members ?? []).length;
      const pages = Math.ceil(members / PAGE) + Math.ceil(CONTACTS / PAGE);
      const tMinMs = (pages * LATENCY_MS) / K;
      const read = cold.report.outcome === "ok" ? cold.report.contacts.read : -1;
      const settings = `contacts=${CONTACTS} (${COMPANIES} companies × ${PER_COMPANY}), members=${members}, pageSize=${PAGE}, L=${LATENCY_MS} ms, K=${K}, batches of 100 companies, 4 at once, SQLite, in-process emulator`;
      return [
        {
          metric: "cold refresh requests",
          measured: String(coldRequests),
          ideal: `pages = ${pages}`,
          ratio: (coldRequests / pages).toFixed(2),
          settings: `${settings}; contacts stored ${read}`,
        },
        {
          metric: "cold refresh wall time",
          measured: `${(cold.ms / 1000).toFixed(2)} s`,
          ideal: `Q_min = pages × L / K = ${(tMinMs / 1000).toFixed(2)} s`,
          ratio: (cold.ms / tMinMs).toFixed(2),
          settings,
        },
        {
          metric: "unchanged incremental re-run requests",
          measured: String(warmRequests.length),
          target: "no full page",
          ratio: "-",
          settings: `wall ${(warm.ms / 1000).toFixed(2)} s; ${warmRequests.filter((r) => r.path.endsWith("/count")).length} of them /count`,
        },
        {
          metric: "peak RSS",
          measured: `${(peakRss / 1024 / 1024).toFixed(0)} MB`,
          ratio: "-",
          settings:
            "process RSS sampled every 50 ms from seeding to the end (emulator in the same process)",
        },
      ];
    } finally {
      clearInterval(sampler);
      await t.close();
    }
  },
};
