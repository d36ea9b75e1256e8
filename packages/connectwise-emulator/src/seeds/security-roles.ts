/**
 * Security roles and their settings rows (one row per module function per role).
 */
import type { Entity } from "../types.js";
import { MODULE_FUNCTIONS, functionKey } from "./module-functions.js";

/** A ConnectWise security level. */
export type Level = "None" | "My" | "All";

/** Levels of one module function; omitted levels are `None`. */
export interface Rights {
  readonly add?: Level;
  readonly edit?: Level;
  readonly delete?: Level;
  readonly inquire?: Level;
}

/** One entry of a role's "Customize" list (`MySecurityCustomizeItem` without its id). */
export interface CustomizeItem {
  /** e.g. `SystemTableSetup`, `CompanyConfigurations`. */
  readonly customizeIdentifier: string;
  /** e.g. `Service/Service Board` (ConnectWise does not document the spelling). */
  readonly itemIdentifier: string;
}

/** A role as data: name and rights per `"Module → Function"` key (others are all `None`). */
export interface RoleDefinition {
  readonly id: number;
  readonly name: string;
  readonly adminFlag: boolean;
  /** `"all"` = All everywhere. */
  readonly rights: "all" | Readonly<Record<string, Rights>>;
  /** What the role's "Customize"d rights allow (default none). */
  readonly customizeItems?: readonly CustomizeItem[];
}

/**
 * The Table Setup columns the vendor guides ask for (MSP360: Service / Service Board; the
 * company tables for Level and Perimeters).
 */
export const TABLE_SETUP_CUSTOMIZE_ITEMS: readonly CustomizeItem[] = [
  { customizeIdentifier: "SystemTableSetup", itemIdentifier: "Service/Service Board" },
  { customizeIdentifier: "SystemTableSetup", itemIdentifier: "Company/Company Type" },
  { customizeIdentifier: "SystemTableSetup", itemIdentifier: "Company/Company Status" },
];

const ALL = "All" as const;
const I: Rights = { inquire: ALL };
const AI: Rights = { add: ALL, inquire: ALL };
const EI: Rights = { edit: ALL, inquire: ALL };
const AEI: Rights = { add: ALL, edit: ALL, inquire: ALL };
const AEDI: Rights = { add: ALL, edit: ALL, delete: ALL, inquire: ALL };

/** What cwbridge needs (reference/permissions.md), per module function. */
export const CWBRIDGE_RIGHTS: Readonly<Record<string, Rights>> = {
  [functionKey("System", "My Company")]: I,
  [functionKey("System", "Member Maintenance")]: I,
  [functionKey("System", "Security Roles")]: I,
  [functionKey("System", "Table Setup")]: AI,
  [functionKey("System", "Manage Callbacks")]: AEDI,
  [functionKey("System", "API Reports")]: AEI,
  [functionKey("Companies", "Company Maintenance")]: AEI,
  [functionKey("Companies", "Contacts")]: I,
  [functionKey("Companies", "Configurations")]: AEI,
  [functionKey("Service Desk", "Service Tickets")]: AEI,
  [functionKey("Service Desk", "Close Service Tickets")]: EI,
  [functionKey("Service Desk", "Resource Scheduling")]: AEI,
  [functionKey("Service Desk", "Reports")]: I,
  [functionKey("Time & Expense", "Time Entry")]: AEI,
  [functionKey("Finance", "Agreements")]: AEI,
  [functionKey("Finance", "Company Finance")]: AEI,
  [functionKey("Finance", "Reports")]: I,
  [functionKey("Procurement", "Product Catalog")]: I,
  [functionKey("Procurement", "Products")]: EI,
};

/** cwbridge's rights minus: closing tickets, adding setup rows, editing agreements, callbacks. */
export const LIMITED_API_RIGHTS: Readonly<Record<string, Rights>> = {
  ...CWBRIDGE_RIGHTS,
  [functionKey("Service Desk", "Close Service Tickets")]: {},
  [functionKey("System", "Table Setup")]: I,
  [functionKey("Finance", "Agreements")]: AI,
  [functionKey("System", "Manage Callbacks")]: {},
};

const MY = "My" as const;

/** A dispatcher/technician: service work on everything, own time only. */
const TECHNICIAN_RIGHTS: Readonly<Record<string, Rights>> = {
  [functionKey("System", "My Company")]: I,
  [functionKey("System", "Member Maintenance")]: I,
  [functionKey("Companies", "Company Maintenance")]: I,
  [functionKey("Companies", "Contacts")]: AEI,
  [functionKey("Companies", "Configurations")]: AEI,
  [functionKey("Service Desk", "Service Tickets")]: AEI,
  [functionKey("Service Desk", "Close Service Tickets")]: EI,
  [functionKey("Service Desk", "Resource Scheduling")]: AEI,
  [functionKey("Time & Expense", "Time Entry")]: { add: MY, edit: MY, inquire: MY },
  [functionKey("Procurement", "Product Catalog")]: I,
};

/** Role ids used across the seeds. */
export const ROLE_IDS = { admin: 1, cwbridge: 2, limited: 3, technician: 4 } as const;

/** The seeded roles, in id order. */
export const ROLE_DEFINITIONS: readonly RoleDefinition[] = [
  {
    id: ROLE_IDS.admin,
    name: "Admin",
    adminFlag: true,
    rights: "all",
    customizeItems: TABLE_SETUP_CUSTOMIZE_ITEMS,
  },
  {
    id: ROLE_IDS.cwbridge,
    name: "cwbridge Integration",
    adminFlag: false,
    rights: CWBRIDGE_RIGHTS,
    customizeItems: TABLE_SETUP_CUSTOMIZE_ITEMS,
  },
  {
    id: ROLE_IDS.limited,
    name: "Limited API",
    adminFlag: false,
    rights: LIMITED_API_RIGHTS,
    customizeItems: TABLE_SETUP_CUSTOMIZE_ITEMS,
  },
  { id: ROLE_IDS.technician, name: "Technician", adminFlag: false, rights: TECHNICIAN_RIGHTS },
];

function rightsFor(role: RoleDefinition, key: string): Required<Rights> {
  const rights: Rights = role.rights === "all" ? AEDI : (role.rights[key] ?? {});
  return {
    add: rights.add ?? "None",
    edit: rights.edit ?? "None",
    delete: rights.delete ?? "None",
    inquire: rights.inquire ?? "None",
  };
}

/**
 * The `securityRoles` rows.
 *
 * @example
 * buildSecurityRoles()[1]?.name; // "cwbridge Integration"
 */
export function buildSecurityRoles(): Entity[] {
  return ROLE_DEFINITIONS.map(roleRow);
}

/**
 * The `securityRoles` row of a role definition (its customize list kept on the row).
 *
 * @example
 * roleRow({ id: 9, name: "Vendor", adminFlag: false, rights: {} }).customizeItems; // []
 */
export function roleRow(role: RoleDefinition): Entity {
  return {
    id: role.id,
    name: role.name,
    roleType: "Corporate",
    adminFlag: role.adminFlag,
    inactiveFlag: false,
    customizeItems: (role.customizeItems ?? []).map((item) => ({ ...item })),
  };
}

/**
 * The `securityRoleSettings` rows: one per role and module function, ids unique, `roleId` set.
 *
 * @example
 * buildSecurityRoleSettings().filter((row) => row["roleId"] === 2).length; // 17
 */
export function buildSecurityRoleSettings(
  roles: readonly RoleDefinition[] = ROLE_DEFINITIONS,
): Entity[] {
  const rows: Entity[] = [];
  for (const role of roles) {
    MODULE_FUNCTIONS.forEach((moduleFunction, index) => {
      const key = functionKey(moduleFunction.moduleName, moduleFunction.moduleFunctionName);
      const rights = rightsFor(role, key);
      rows.push({
        id: role.id * 100 + index + 1,
        roleId: role.id,
        addLevel: rights.add,
        editLevel: rights.edit,
        deleteLevel: rights.delete,
        inquireLevel: rights.inquire,
        moduleFunctionName: moduleFunction.moduleFunctionName,
        moduleFunctionDescription: moduleFunction.description,
        moduleFunctionIdentifier: moduleFunction.moduleFunctionIdentifier,
        moduleName: moduleFunction.moduleName,
        moduleDescription: `${moduleFunction.moduleName} module`,
        moduleIdentifier: moduleFunction.moduleIdentifier,
        myAllFlag: moduleFunction.myAllFlag,
        reportFlag: false,
        restrictFlag: false,
        customFlag:
          moduleFunction.moduleFunctionName === "Table Setup" &&
          (role.customizeItems ?? []).some(
            (item) => item.customizeIdentifier === "SystemTableSetup",
          ),
        sortOrder: index + 1,
      });
    });
  }
  return rows;
}
