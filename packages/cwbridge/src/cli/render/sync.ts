/**
 * Human rendering of sync plans and sync reports.
 */
import type { SyncPlanReport, SyncReport } from "../../features/devices/index.js";
import { table } from "./table.js";

/**
 * A plan: one row per company, then the first field diffs of each.
 *
 * @example
 * planLines(plan, 5)
 */
export function planLines(plan: SyncPlanReport, diffsPerCompany = 10): string[] {
  if (plan.partitions.length === 0) return ["nothing to sync (no mapped customers with devices)"];
  const rows = plan.partitions.map((p) => [
    p.companyName ?? String(p.companyId),
    String(p.creates),
    String(p.updates),
    String(p.moves),
    String(p.deactivations),
    String(p.adoptions),
    String(p.unchanged),
    p.blocked === null ? "" : `BLOCKED ${p.blocked.wouldDeactivate}/${p.blocked.total}`,
  ]);
  const lines = table(
    ["company", "create", "update", "move", "deactivate", "adopt", "unchanged", "guard"],
    rows,
  );
  for (const p of plan.partitions) {
    for (const change of p.changes.slice(0, diffsPerCompany)) {
      const diff = change.fields
        .slice(0, 6)
        .map((f) => `${f.field}: ${show(f.from)} → ${show(f.to)}`)
        .join("; ");
      lines.push(`  ${change.action} ${change.externalId}${diff === "" ? "" : `  ${diff}`}`);
    }
    if (p.changes.length > diffsPerCompany)
      lines.push(`  … ${p.changes.length - diffsPerCompany} more (--json for all)`);
  }
  const t = plan.totals;
  lines.push(
    `total: ${t.creates} create, ${t.updates} update, ${t.moves} move, ${t.deactivations} deactivate, ${t.blockedDeactivations} blocked, ${t.unchanged} unchanged; ${plan.waiting} device(s) wait for a customer mapping`,
  );
  return lines;
}

/**
 * Sync reports, one row per company, and their problems.
 *
 * @example
 * reportLines(reports)
 */
export function syncReportLines(reports: readonly SyncReport[]): string[] {
  if (reports.length === 0) return ["nothing was synced"];
  const lines = table(
    ["company", "outcome", "created", "updated", "moved", "deactivated", "adopted", "unchanged"],
    reports.map((r) => [
      String(r.companyId),
      r.outcome,
      String(r.created),
      String(r.updated),
      String(r.moved),
      String(r.deactivated),
      String(r.adopted),
      String(r.unchanged),
    ]),
  );
  for (const r of reports)
    if (r.message !== null) lines.push(`  company ${r.companyId}: ${r.message}`);
  return lines;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
