/**
 * Identity endpoints: unauthenticated `/login/companyinfo/{company}`, and `/system/info`,
 * `/system/myMembers`, `/system/mySecurity` and `/system/mySecurity/customizeItems` for the
 * authenticated member.
 */
import type { ApiScope } from "./api-scope.js";
import { recordNotFound } from "./errors.js";
import { defForTable, presentEntity } from "./presenter.js";
import { referenceTo } from "./references.js";
import type { Reply } from "./responses.js";
import type { EmulatorState } from "./state.js";

export const SERVER_VERSION = "v2025.16.108256";

/** `companyinfo` body, or the literal `null` for an unknown company (case-insensitive). */
export function companyInfo(state: EmulatorState, company: string): unknown {
  const { seed, store } = state;
  if (company.toLowerCase() !== seed.companyId.toLowerCase()) return null;
  const own = store
    .table("companies")
    .rows.find((row) => String(row["identifier"]).toLowerCase() === seed.companyId.toLowerCase());
  const codebase = seed.codebase.replace(/^\/+/, "").replace(/\/?$/, "/");
  return {
    CompanyName: typeof own?.["name"] === "string" ? own["name"] : seed.companyId,
    Codebase: codebase,
    VersionCode: "v2025.16",
    VersionNumber: "v4.6.108256",
    CompanyID: seed.companyId,
    IsCloud: codebase !== "v4_6_release/",
  };
}

/** `GET /system/info`. */
export function infoReply(): Reply {
  return {
    status: 200,
    body: {
      version: SERVER_VERSION,
      isCloud: true,
      serverTimeZone: "Eastern Standard Time",
      licenseBits: [{ name: "ServiceDesk", activeFlag: true }],
      cloudRegion: "NA",
      maxWorkFlowRecordsAllowed: 10000,
    },
  };
}

/** `GET /system/myMembers`: the authenticated member (API members get licenseClass `A`). */
export function myMemberReply(scope: ApiScope): Reply {
  const { state, member } = scope;
  const row = state.store.get(member.table, member.id);
  if (!row) throw recordNotFound("Member", member.id);
  const def = defForTable(member.table);
  const body = def ? presentEntity(state, def, row) : { ...row };
  if (member.table === "apiMembers") body["licenseClass"] ??= "A";
  delete body["primaryEmail"]; // a Member field that MyMember does not have
  return { status: 200, body, rows: 1 };
}

/** `GET /system/mySecurity`: the member's role settings, each with a `member` reference. */
export function mySecurityReply(scope: ApiScope): Reply {
  const { state, member } = scope;
  const memberRow = state.store.get(member.table, member.id);
  const memberRef = memberRow ? referenceTo(member.table, memberRow) : { id: member.id };
  const rows = state.store
    .table("securityRoleSettings")
    .rows.filter((row) => row["roleId"] === member.roleId)
    .map(({ roleId: _roleId, ...row }) => ({ ...row, member: memberRef }));
  return { status: 200, body: rows, rows: rows.length };
}

/**
 * `GET /system/mySecurity/customizeItems`: what the member's role's "Customize"d rights allow
 * (`{id, customizeIdentifier, itemIdentifier}`, e.g. `SystemTableSetup` /
 * `Service/Service Board`), from the role row's `customizeItems` (not an API field).
 */
export function mySecurityCustomizeItemsReply(scope: ApiScope): Reply {
  const { state, member } = scope;
  const role =
    member.roleId === undefined ? undefined : state.store.get("securityRoles", member.roleId);
  const items = Array.isArray(role?.["customizeItems"])
    ? (role["customizeItems"] as unknown[])
    : [];
  const rows = items.map((item, index) => {
    const { customizeIdentifier, itemIdentifier } = (item ?? {}) as Record<string, unknown>;
    return { id: index + 1, customizeIdentifier, itemIdentifier };
  });
  return { status: 200, body: rows, rows: rows.length };
}
