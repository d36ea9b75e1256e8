/**
 * Members (technicians, licenseClass F), API members (licenseClass A) and their API keys.
 */
import type { Entity, SeedApiKey } from "../types.js";
import { DEMO_KEYS, daysBefore } from "./constants.js";
import { identifierRef, nameRef } from "./refs.js";
import { ROLE_DEFINITIONS, ROLE_IDS } from "./security-roles.js";

/** Rows a member references. */
export interface MemberContext {
  readonly location: Entity;
  readonly department: Entity;
  readonly board: Entity;
}

/** Identifiers of the members the seeds rely on. */
export const MEMBER_IDENTIFIERS = {
  cwbridge: "cwbridge",
  limited: "limited-api",
  admin: "dadams",
} as const;

const roleRef = (roleId: number): Entity => {
  const role = ROLE_DEFINITIONS.find((candidate) => candidate.id === roleId);
  if (role === undefined) throw new Error(`seed: no role ${roleId}`);
  return { id: role.id, name: role.name };
};

type MemberSpec = readonly [string, string, string, string, number, boolean];

/** [identifier, first, last, title, roleId, inactive]; the first is the admin. */
const MEMBER_SPECS: readonly MemberSpec[] = [
  [MEMBER_IDENTIFIERS.admin, "Dana", "Adams", "Service Manager", ROLE_IDS.admin, false],
  ["jsmith", "Jordan", "Smith", "Service Technician", ROLE_IDS.technician, false],
  ["mlee", "Morgan", "Lee", "Network Engineer", ROLE_IDS.technician, false],
  ["pkumar", "Priya", "Kumar", "Dispatcher", ROLE_IDS.technician, false],
  ["tformer", "Terry", "Former", "Service Technician", ROLE_IDS.technician, true],
];

function memberRow(spec: MemberSpec, index: number, context: MemberContext): Entity {
  const [identifier, firstName, lastName, title, roleId, inactive] = spec;
  const email = `${identifier}@northwind-msp.example`;
  return {
    id: 100 + index,
    identifier,
    firstName,
    lastName,
    licenseClass: "F",
    title,
    inactiveFlag: inactive,
    ...(inactive ? { inactiveDate: daysBefore(90) } : {}),
    hireDate: daysBefore(2000 - index * 200),
    officeEmail: email,
    primaryEmail: email,
    defaultEmail: "Office",
    officePhone: `555-010-${String(100 + index).padStart(4, "0")}`,
    defaultPhone: "Office",
    securityRole: roleRef(roleId),
    adminFlag: roleId === ROLE_IDS.admin,
    defaultLocation: nameRef(context.location),
    defaultDepartment: identifierRef(context.department),
    serviceDefaultBoard: nameRef(context.board),
    dailyCapacity: 8,
  };
}

/**
 * The `members` rows: the admin always, the technicians when `technicians` is true.
 *
 * @example
 * buildMembers(context, false).map((row) => row["identifier"]); // ["dadams"]
 */
export function buildMembers(context: MemberContext, technicians: boolean): Entity[] {
  const specs = technicians ? MEMBER_SPECS : MEMBER_SPECS.slice(0, 1);
  return specs.map((spec, index) => memberRow(spec, index, context));
}

/**
 * The `apiMembers` rows: `cwbridge` (cwbridge Integration) and `limited-api` (Limited API).
 * `licenseClass: "A"` is kept on the row for the emulator's who-am-I.
 *
 * @example
 * buildApiMembers(context)[0]?.["identifier"]; // "cwbridge"
 */
export function buildApiMembers(context: MemberContext): Entity[] {
  const rows: [string, string, number][] = [
    [MEMBER_IDENTIFIERS.cwbridge, "cwbridge Integration", ROLE_IDS.cwbridge],
    [MEMBER_IDENTIFIERS.limited, "Limited API", ROLE_IDS.limited],
  ];
  return rows.map(([identifier, name, roleId], index) => ({
    id: 180 + index,
    identifier,
    name,
    licenseClass: "A",
    emailAddress: `${identifier}@northwind-msp.example`,
    inactiveFlag: false,
    securityRole: roleRef(roleId),
    defaultLocation: nameRef(context.location),
    defaultDepartment: identifierRef(context.department),
    serviceDefaultBoard: nameRef(context.board),
    notes: "Demo API member (emulator seed).",
  }));
}

/**
 * API keys: first the demo API member `cwbridge`, then `limited-api`, then the admin member.
 *
 * @example
 * buildApiKeys()[0]; // { publicKey: "demoPublicKey0001", privateKey: "...", memberIdentifier: "cwbridge" }
 */
export function buildApiKeys(): SeedApiKey[] {
  return [
    { ...DEMO_KEYS.cwbridge, memberIdentifier: MEMBER_IDENTIFIERS.cwbridge },
    { ...DEMO_KEYS.limited, memberIdentifier: MEMBER_IDENTIFIERS.limited },
    { ...DEMO_KEYS.admin, memberIdentifier: MEMBER_IDENTIFIERS.admin },
  ];
}
