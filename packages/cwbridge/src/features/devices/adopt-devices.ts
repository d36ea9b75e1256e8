/**
 * Runs adoption — the first-sync read of a company, and the lookup before every later create —
 * and the search after ambiguous creates against a partition's rows: either storing the links
 * (sync) or applying them to an in-memory copy (dry-run).
 */
import type { Configuration, ConnectWise } from "@cwbridge/connectwise";
import { toConfigurationPayload } from "../../domain/device-config.js";
import type { AppContext } from "../../core/context.js";
import { nowIso, setKvMany } from "../../store/index.js";
import { saveCoverage, type CheckedDevices } from "./adoption-coverage.js";
import { lookupConfigurations } from "./adoption-lookup.js";
import {
  AdoptionIndex,
  projectConfiguration,
  readCompanyConfigurations,
  searchByDeviceKey,
} from "./adoption.js";
import {
  markAdoptReview,
  markOutcomeUnknown,
  rowSourceDevice,
  savePushed,
  takenConfigIds,
  type DeviceRow,
} from "./device-repository.js";
import { adoptedKey } from "./job-specs.js";
import { adoptionCandidateRows } from "./partition-queries.js";

/** A device linked to an existing configuration. */
export interface Link {
  readonly externalId: string;
  readonly config: Configuration;
  /** The mapped site (kept as the device's site when the configuration already has it). */
  readonly siteId: number | null;
}

/** Outcome of matching a set of devices against existing configurations. */
export interface AdoptionResult {
  readonly links: readonly Link[];
  readonly review: readonly { readonly externalId: string; readonly detail: string }[];
  /** Companies whose configurations were all read (their first sync: marked adopted). */
  readonly companies: readonly number[];
  /** Per company of a first-sync read: the devices it matched to nothing (`updated_at` then). */
  readonly checked: ReadonlyMap<number, CheckedDevices>;
  /** When the read started. */
  readonly readAt: string;
}

/** A device waiting for adoption, with the company (and site) it is mapped to. */
export interface AdoptionCandidate {
  readonly row: DeviceRow;
  readonly companyId: number;
  readonly siteId: number | null;
}

/**
 * Devices of a source that have no configuration yet, mapped to one of `companyIds`.
 *
 * @example
 * const candidates = await adoptionCandidates(ctx, sourceId, [250, 251]);
 */
export async function adoptionCandidates(
  ctx: AppContext,
  sourceId: string,
  companyIds: readonly number[],
): Promise<AdoptionCandidate[]> {
  return adoptionCandidateRows(ctx.scope.db, sourceId, companyIds);
}

/**
 * Matches candidates against the existing configurations of their companies (the domain's
 * adoption match; a configuration in `taken` — linked to another device of ours — is never
 * adopted, the device waits for a human instead). No I/O; every link is added to `taken`.
 *
 * @example
 * const { links, review, unmatched } = matchCandidates(sourceId, candidates, existing, taken);
 */
export function matchCandidates(
  sourceId: string,
  candidates: readonly AdoptionCandidate[],
  existing: ReadonlyMap<number, readonly Configuration[]>,
  taken: Set<number>,
): Pick<AdoptionResult, "links" | "review"> & { unmatched: AdoptionCandidate[] } {
  const indexes = new Map<number, AdoptionIndex>();
  const links: Link[] = [];
  const review: { externalId: string; detail: string }[] = [];
  const unmatched: AdoptionCandidate[] = [];
  for (const candidate of candidates) {
    const configs = existing.get(candidate.companyId) ?? [];
    let index = indexes.get(candidate.companyId);
    if (index === undefined) {
      index = new AdoptionIndex(configs);
      indexes.set(candidate.companyId, index);
    }
    const { result, configs: byId } = index.match(probeOf(sourceId, candidate));
    const externalId = candidate.row.external_id;
    if (result.kind === "ambiguous") {
      review.push({
        externalId,
        detail: JSON.stringify({ by: result.by, configIds: result.configIds }),
      });
      continue;
    }
    const config = result.kind === "matched" ? byId.get(result.configId) : undefined;
    if (result.kind === "none" || config === undefined) {
      unmatched.push(candidate);
    } else if (taken.has(config.id)) {
      review.push({
        externalId,
        detail: JSON.stringify({ by: result.by, configIds: [config.id], taken: true }),
      });
    } else {
      taken.add(config.id);
      links.push({ externalId, config, siteId: candidate.siteId });
    }
  }
  return { links, review, unmatched };
}

function probeOf(sourceId: string, candidate: AdoptionCandidate) {
  return toConfigurationPayload(rowSourceDevice(candidate.row), {
    sourceId,
    companyId: candidate.companyId,
  });
}

/**
 * The first sync of companies: reads the existing configurations of the candidates' companies
 * (one streamed read, batched by company) and matches every candidate (reads only). The
 * candidates matched to nothing are recorded as `checked`, so the partition run that follows
 * does not look them up again.
 *
 * @example
 * const result = await matchExisting(ctx, cw, sourceId, candidates);
 */
export async function matchExisting(
  ctx: AppContext,
  cw: ConnectWise,
  sourceId: string,
  candidates: readonly AdoptionCandidate[],
): Promise<AdoptionResult> {
  const readAt = nowIso();
  const companies = [...new Set(candidates.map((c) => c.companyId))].sort((a, b) => a - b);
  if (companies.length === 0)
    return { links: [], review: [], companies, checked: new Map(), readAt };
  const existing = await readCompanyConfigurations(cw, companies);
  const taken = await takenConfigIds(ctx.scope.db, sourceId, companies);
  const { links, review, unmatched } = matchCandidates(sourceId, candidates, existing, taken);
  const checked = new Map<number, Map<string, string>>();
  for (const { companyId, row } of unmatched) {
    const devices = checked.get(companyId) ?? new Map<string, string>();
    devices.set(row.external_id, row.updated_at);
    checked.set(companyId, devices);
  }
  return { links, review, companies, checked, readAt };
}

/**
 * Before creating configurations in a company that had its first sync: looks the devices about
 * to be created up in ConnectWise (`lookupConfigurations`: one batched conditions query, or the
 * whole company when cheaper) and matches them — a configuration created since by a
 * technician or another tool is adopted, never duplicated. `taken`: configuration ids already
 * linked to devices of ours (never adopted). Reads only; nothing is marked adopted.
 *
 * @example
 * const result = await matchBeforeCreate(cw, sourceId, 250, candidates, taken);
 */
export async function matchBeforeCreate(
  cw: ConnectWise,
  sourceId: string,
  companyId: number,
  candidates: readonly AdoptionCandidate[],
  taken: ReadonlySet<number>,
): Promise<AdoptionResult> {
  const readAt = nowIso();
  const probes = candidates.map((candidate) => probeOf(sourceId, candidate));
  const configs = await lookupConfigurations(cw, companyId, probes);
  const existing = new Map([[companyId, configs]]);
  const { links, review } = matchCandidates(sourceId, candidates, existing, new Set(taken));
  return { links, review, companies: [], checked: new Map(), readAt };
}

function linkState(link: Link, fallbackCompanyId: number) {
  const configSite = link.config.site?.id ?? null;
  return {
    cwConfigId: link.config.id,
    companyId: link.config.company?.id ?? fallbackCompanyId,
    // Without a mapped site the configuration's own site is left alone (not a move).
    siteId: link.siteId === null ? null : configSite,
    payload: projectConfiguration(link.config),
    hash: null,
    inactive: link.config.activeFlag === false,
  };
}

/**
 * Stores adoption links (the next plan PATCHes only differing fields) and review holds, and —
 * after a first-sync read — what it checked and the companies as adopted for the source.
 *
 * @example
 * await storeAdoption(ctx, sourceId, await matchExisting(ctx, cw, sourceId, candidates));
 */
export async function storeAdoption(
  ctx: AppContext,
  sourceId: string,
  result: AdoptionResult,
): Promise<void> {
  for (const link of result.links) {
    await savePushed(
      ctx.scope,
      sourceId,
      link.externalId,
      linkState(link, link.config.company?.id ?? 0),
    );
  }
  for (const item of result.review) {
    await markAdoptReview(ctx.scope.db, sourceId, item.externalId, item.detail);
  }
  await saveCoverage(ctx, sourceId, result.readAt, result.checked);
  await markAdopted(ctx, sourceId, result.companies);
}

/**
 * Records companies as adopted for a source (their first sync read is done).
 *
 * @example
 * await markAdopted(ctx, sourceId, [250]);
 */
export async function markAdopted(
  ctx: AppContext,
  sourceId: string,
  companyIds: readonly number[],
): Promise<void> {
  if (companyIds.length === 0) return;
  await setKvMany(
    ctx.scope.db,
    companyIds.map((id) => adoptedKey(sourceId, id)),
    nowIso(),
  );
}

/**
 * Applies links to in-memory copies of rows (dry-run).
 *
 * @example
 * applyLinks(state.rows, result.links, 250);
 */
export function applyLinks(
  rows: Map<string, DeviceRow>,
  links: readonly Link[],
  companyId: number,
): void {
  for (const link of links) {
    const row = rows.get(link.externalId);
    if (row === undefined) continue;
    const state = linkState(link, companyId);
    rows.set(link.externalId, {
      ...row,
      cw_config_id: state.cwConfigId,
      cw_company_id: state.companyId,
      cw_site_id: state.siteId,
      pushed_json: JSON.stringify(state.payload),
      pushed_hash: null,
      cw_inactive: state.inactive ? 1 : 0,
      outcome_unknown: 0,
    });
  }
}

/**
 * After an ambiguous create: searches ConnectWise by device key for every device of `rows`
 * flagged outcome-unknown; found → linked (stored when `store`), not found → safe to create.
 * Returns the links.
 *
 * @example
 * const links = await resolveUnknownOutcomes(ctx, cw, sourceId, [...state.rows.values()], { store: true });
 */
export async function resolveUnknownOutcomes(
  ctx: AppContext,
  cw: ConnectWise,
  sourceId: string,
  rows: readonly DeviceRow[],
  options: { readonly store: boolean; readonly siteOf: (row: DeviceRow) => number | null },
): Promise<Link[]> {
  const pending = rows.filter((r) => r.outcome_unknown === 1 && r.cw_config_id === null);
  if (pending.length === 0) return [];
  const keyOf = (row: DeviceRow) =>
    toConfigurationPayload(rowSourceDevice(row), { sourceId, companyId: 0 }).deviceIdentifier;
  const found = await searchByDeviceKey(cw, pending.map(keyOf));
  const links: Link[] = [];
  const absent: string[] = [];
  for (const row of pending) {
    const config = found.get(keyOf(row));
    if (config === undefined) absent.push(row.external_id);
    else links.push({ externalId: row.external_id, config, siteId: options.siteOf(row) });
  }
  if (options.store) {
    for (const link of links) {
      await savePushed(
        ctx.scope,
        sourceId,
        link.externalId,
        linkState(link, link.config.company?.id ?? 0),
      );
    }
    await markOutcomeUnknown(ctx.scope, sourceId, absent, false);
  }
  return links;
}
