/**
 * The `empty` seed: only what a tenant needs to be usable (login, API members, roles, the MSP's
 * own company and the default setup rows writes need).
 */
import type { SeedData } from "../types.js";
import { buildCompanies, mspSpec } from "./companies.js";
import { buildCompanyStatuses, buildCompanyTypes } from "./company-setup.js";
import { buildConfigurationStatuses, buildConfigurationTypes } from "./configuration-setup.js";
import {
  DEFAULT_RANDOM_SEED,
  SEED_CLIENT_IDS,
  SEED_CODEBASE,
  SEED_COMPANY_ID,
} from "./constants.js";
import { buildApiKeys, buildApiMembers, buildMembers } from "./members.js";
import { createRandom } from "../prng.js";
import { byField } from "./refs.js";
import { buildSecurityRoleSettings, buildSecurityRoles } from "./security-roles.js";
import { BOARD_IDS, MINIMAL_BOARDS, buildBoards } from "./service-boards.js";
import {
  DEPARTMENT_IDS,
  LOCATION_IDS,
  buildDepartments,
  buildImpacts,
  buildLocations,
  buildPriorities,
  buildSeverities,
} from "./service-setup.js";

/**
 * Builds the empty seed: companyId `demo`, the demo API members, roles and keys, the MSP company
 * (with one site and contact), one company type/status, one board (New default, Closed closed),
 * priorities, severities, impacts, one configuration type and status.
 *
 * @example
 * emptySeed().tables.companies?.length; // 1
 */
export function emptySeed(): SeedData {
  const locations = buildLocations().slice(0, 1);
  const departments = buildDepartments().slice(0, 1);
  const service = buildBoards(MINIMAL_BOARDS);
  const companyTypes = buildCompanyTypes().slice(0, 1);
  const companyStatuses = buildCompanyStatuses().slice(0, 1);
  const company = buildCompanies([mspSpec("Customer")], {
    types: companyTypes,
    statuses: companyStatuses,
    territory: byField(locations, "id", LOCATION_IDS.headOffice),
    random: createRandom(DEFAULT_RANDOM_SEED),
  });
  const memberContext = {
    location: byField(locations, "id", LOCATION_IDS.headOffice),
    department: byField(departments, "id", DEPARTMENT_IDS.service),
    board: byField(service.boards, "id", BOARD_IDS.serviceDesk),
  };
  return {
    companyId: SEED_COMPANY_ID,
    codebase: SEED_CODEBASE,
    clientIds: [...SEED_CLIENT_IDS],
    apiKeys: buildApiKeys(),
    tables: {
      ...company,
      companyTypes,
      companyStatuses,
      configurations: [],
      configurationTypes: buildConfigurationTypes(["Managed Workstation"]),
      configurationStatuses: buildConfigurationStatuses(1),
      ...service,
      priorities: buildPriorities(),
      severities: buildSeverities(),
      impacts: buildImpacts(),
      tickets: [],
      ticketNotes: [],
      ticketConfigurations: [],
      timeEntries: [],
      agreements: [],
      agreementTypes: [],
      additions: [],
      catalogItems: [],
      members: buildMembers(memberContext, false),
      apiMembers: buildApiMembers(memberContext),
      securityRoles: buildSecurityRoles(),
      securityRoleSettings: buildSecurityRoleSettings(),
      callbacks: [],
      locations,
      departments,
    },
  };
}
