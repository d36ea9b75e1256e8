/**
 * The `demo` seed: Northwind MSP with customers, sites, contacts, configurations, two service
 * boards, tickets, members, API members with roles, and an agreement with additions; plus
 * 1,000 prospects (type Prospect) with sites, contacts and 1,200 configurations, so a page of
 * 1,000 companies, contacts or configurations is a real page.
 */
import type { Entity, SeedData } from "../types.js";
import { buildBilling } from "./billing.js";
import { buildCompanies, companySpecs, prospectSpecs, type CompanyTables } from "./companies.js";
import { FIXED_COMPANIES } from "./company-list.js";
import { buildCompanyStatuses, buildCompanyTypes } from "./company-setup.js";
import { buildConfigurationStatuses, buildConfigurationTypes } from "./configuration-setup.js";
import {
  FIRST_CONFIGURATION_ID,
  buildFixedConfigurations,
  buildGeneratedConfigurations,
} from "./configurations.js";
import {
  DEFAULT_RANDOM_SEED,
  SEED_CLIENT_IDS,
  SEED_CODEBASE,
  SEED_COMPANY_ID,
} from "./constants.js";
import { buildApiKeys, buildApiMembers, buildMembers } from "./members.js";
import { createRandom } from "../prng.js";
import { buildSecurityRoleSettings, buildSecurityRoles } from "./security-roles.js";
import { BOARD_IDS, DEMO_BOARDS, buildBoards } from "./service-boards.js";
import {
  DEPARTMENT_IDS,
  LOCATION_IDS,
  buildDepartments,
  buildImpacts,
  buildLocations,
  buildPriorities,
  buildSeverities,
} from "./service-setup.js";
import { byField } from "./refs.js";
import { buildTickets } from "./tickets.js";

/** Options of {@link demoSeed}. */
export interface DemoSeedOptions {
  /** Number of customer companies besides the MSP (default: the 25 fixed ones). */
  readonly companies?: number;
  /** Extra generated configurations spread over the customers (default 0). */
  readonly configurations?: number;
  /** PRNG seed (default 20250601). Same options → identical data. */
  readonly random?: number;
  /**
   * Generated prospect companies (type Prospect, with sites and contacts) after everything
   * else (default 1,000). They draw from their own PRNG stream, so the customers, their
   * configurations and tickets are the same with or without them.
   */
  readonly prospects?: number;
  /** Configurations spread over the prospects (default 1,200; none without prospects). */
  readonly prospectConfigurations?: number;
}

/** Default sizes of the prospects batch. */
export const DEMO_PROSPECTS = { companies: 1_000, configurations: 1_200 } as const;

const maxId = (rows: readonly { id: number }[]): number =>
  rows.reduce((max, row) => Math.max(max, row.id), 0);

function countOf(value: number | undefined, fallback: number, name: string): number {
  const result = value ?? fallback;
  if (!Number.isSafeInteger(result) || result < 0) {
    throw new RangeError(`demoSeed: ${name} must be a non-negative integer, got ${String(value)}`);
  }
  return result;
}

/**
 * Builds the demo seed. Deterministic: no clock, no Math.random.
 *
 * @example
 * const seed = demoSeed({ configurations: 1000 });
 * seed.apiKeys[0]?.memberIdentifier; // "cwbridge"
 */
export function demoSeed(options: DemoSeedOptions = {}): SeedData {
  const companyCount = countOf(options.companies, FIXED_COMPANIES.length, "companies");
  const extraConfigurations = countOf(options.configurations, 0, "configurations");
  const random = createRandom(options.random ?? DEFAULT_RANDOM_SEED);

  const locations = buildLocations();
  const departments = buildDepartments();
  const service = buildBoards(DEMO_BOARDS);
  const priorities = buildPriorities();
  const companyTypes = buildCompanyTypes();
  const companyStatuses = buildCompanyStatuses();
  const company = buildCompanies(companySpecs(companyCount, random), {
    types: companyTypes,
    statuses: companyStatuses,
    territory: byField(locations, "id", LOCATION_IDS.headOffice),
    random,
  });
  const memberContext = {
    location: byField(locations, "id", LOCATION_IDS.headOffice),
    department: byField(departments, "id", DEPARTMENT_IDS.service),
    board: byField(service.boards, "id", BOARD_IDS.serviceDesk),
  };
  const members = buildMembers(memberContext, true);
  const configurationContext = {
    ...company,
    types: buildConfigurationTypes(),
    statuses: buildConfigurationStatuses(),
  };
  const fixed = buildFixedConfigurations(configurationContext);
  const generated = buildGeneratedConfigurations(
    extraConfigurations,
    FIRST_CONFIGURATION_ID + fixed.length,
    configurationContext,
    random,
  );
  const mainConfigurations = fixed.concat(generated);
  const tickets = buildTickets({
    ...company,
    ...service,
    priorities,
    members,
    configurations: mainConfigurations,
  });
  const bulk = buildProspects(options, {
    company,
    configurationContext,
    territory: byField(locations, "id", LOCATION_IDS.headOffice),
    types: companyTypes,
    statuses: companyStatuses,
    firstConfigurationId: maxId(mainConfigurations) + 1,
  });
  const configurations = mainConfigurations.concat(bulk.configurations);

  return {
    companyId: SEED_COMPANY_ID,
    codebase: SEED_CODEBASE,
    clientIds: [...SEED_CLIENT_IDS],
    apiKeys: buildApiKeys(),
    tables: {
      companies: company.companies.concat(bulk.companies),
      sites: company.sites.concat(bulk.sites),
      contacts: company.contacts.concat(bulk.contacts),
      companyTypes,
      companyStatuses,
      configurations,
      configurationTypes: configurationContext.types,
      configurationStatuses: configurationContext.statuses,
      ...service,
      priorities,
      severities: buildSeverities(),
      impacts: buildImpacts(),
      ...tickets,
      ...buildBilling(company),
      members,
      apiMembers: buildApiMembers(memberContext),
      securityRoles: buildSecurityRoles(),
      securityRoleSettings: buildSecurityRoleSettings(),
      callbacks: [],
      locations,
      departments,
    },
  };
}

interface ProspectContext {
  readonly company: CompanyTables;
  readonly configurationContext: Parameters<typeof buildGeneratedConfigurations>[2];
  readonly territory: Entity;
  readonly types: readonly Entity[];
  readonly statuses: readonly Entity[];
  readonly firstConfigurationId: number;
}

/** The prospects batch: companies, sites, contacts and configurations (own PRNG stream). */
function buildProspects(
  options: DemoSeedOptions,
  context: ProspectContext,
): CompanyTables & { readonly configurations: Entity[] } {
  const count = countOf(options.prospects, DEMO_PROSPECTS.companies, "prospects");
  const configurationCount =
    count === 0
      ? 0
      : countOf(
          options.prospectConfigurations,
          DEMO_PROSPECTS.configurations,
          "prospectConfigurations",
        );
  const random = createRandom(((options.random ?? DEFAULT_RANDOM_SEED) ^ 0x5eed) >>> 0);
  const { company } = context;
  const taken = new Set(company.companies.map((row) => String(row["identifier"]).toLowerCase()));
  const tables = buildCompanies(
    prospectSpecs(count, random, taken),
    { types: context.types, statuses: context.statuses, territory: context.territory, random },
    {
      company: maxId(company.companies) + 1,
      site: maxId(company.sites) + 1,
      contact: maxId(company.contacts) + 1,
    },
  );
  const configurations = buildGeneratedConfigurations(
    configurationCount,
    context.firstConfigurationId,
    { ...context.configurationContext, ...tables },
    random,
  );
  return { ...tables, configurations };
}
