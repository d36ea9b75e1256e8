/**
 * The permission manifest: what each cwbridge feature needs from the API member's security role
 * (ConnectWise module → function, and the least add/edit/delete/inquire levels that work).
 * Data, compiled from the five vendor guides (see `reference/permissions.md`).
 */

/** ConnectWise security levels, in increasing order. */
export const SECURITY_LEVELS = ["None", "My", "All"] as const;

/** One of {@link SECURITY_LEVELS}. */
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

/** The four rights of a module function. */
export const SECURITY_RIGHTS = ["add", "edit", "delete", "inquire"] as const;

/** One of {@link SECURITY_RIGHTS}. */
export type SecurityRight = (typeof SECURITY_RIGHTS)[number];

/**
 * An entry the role's "Customize" list must hold (`GET /system/mySecurity/customizeItems`
 * rows `{customizeIdentifier, itemIdentifier}`).
 */
export interface CustomizeRequirement {
  /** e.g. `SystemTableSetup`. */
  readonly customizeIdentifier: string;
  /** `itemIdentifier`, e.g. `Service/Service Board` (matched ignoring case and punctuation). */
  readonly item: string;
  /** The column as ConnectWise's Customize dialog shows it, e.g. `Service / Service Board`. */
  readonly label: string;
}

/** Levels needed on one module function. */
export interface PermissionRequirement {
  readonly module: string;
  readonly function: string;
  readonly need: Partial<Record<SecurityRight, SecurityLevel>>;
  /** An extra step the levels cannot express (e.g. Table Setup column customisation). */
  readonly note?: string;
  /** Customize-list entries the function needs (checked when the list can be read). */
  readonly customize?: readonly CustomizeRequirement[];
}

/** Features whose permissions cwbridge can check. */
export const PERMISSION_FEATURES = [
  "connection",
  "members",
  "security-roles",
  "companies-read",
  "companies-write",
  "contacts",
  "configurations",
  "table-setup",
  "tickets",
  "close-tickets",
  "resource-scheduling",
  "ticket-dependencies",
  "time-entries",
  "agreements",
  "company-finance",
  "products",
  "reports",
  "callbacks",
  "inventory",
] as const;

/** One of {@link PERMISSION_FEATURES}. */
export type PermissionFeature = (typeof PERMISSION_FEATURES)[number];

/** A feature's entry in the manifest. */
export interface FeaturePermissions {
  readonly title: string;
  readonly requirements: readonly PermissionRequirement[];
}

const ALL_AEI = { add: "All", edit: "All", inquire: "All" } as const;
const TABLE_SETUP_NOTE =
  "click Customize next to Table Setup and make sure 'Service / Service Board' is listed under 'Allow access to these columns'";

/**
 * The manifest, one entry per feature.
 *
 * @example
 * PERMISSION_MANIFEST["close-tickets"].requirements
 * // [{ module: "Service Desk", function: "Close Service Tickets", need: { edit: "All", inquire: "All" } }]
 */
export const PERMISSION_MANIFEST = {
  connection: {
    title: "Connection test and who-am-I",
    requirements: [{ module: "System", function: "My Company", need: { inquire: "All" } }],
  },
  members: {
    title: "Read members (inventory, resources)",
    requirements: [{ module: "System", function: "Member Maintenance", need: { inquire: "All" } }],
  },
  "security-roles": {
    title: "Read role settings (permission check)",
    requirements: [{ module: "System", function: "Security Roles", need: { inquire: "All" } }],
  },
  "companies-read": {
    title: "Read companies, match customers",
    requirements: [
      { module: "Companies", function: "Company Maintenance", need: { inquire: "All" } },
    ],
  },
  "companies-write": {
    title: "Create and edit companies (optional)",
    requirements: [
      { module: "Companies", function: "Company Maintenance", need: { add: "All", edit: "All" } },
    ],
  },
  contacts: {
    title: "Read contacts (user inventory)",
    requirements: [{ module: "Companies", function: "Contacts", need: { inquire: "All" } }],
  },
  configurations: {
    title: "Devices → configurations",
    requirements: [{ module: "Companies", function: "Configurations", need: ALL_AEI }],
  },
  "table-setup": {
    title: "Create configuration types; read boards, statuses and types",
    requirements: [
      {
        module: "System",
        function: "Table Setup",
        need: { add: "All", inquire: "All" },
        note: TABLE_SETUP_NOTE,
        customize: [
          {
            customizeIdentifier: "SystemTableSetup",
            item: "Service/Service Board",
            label: "Service / Service Board",
          },
        ],
      },
    ],
  },
  tickets: {
    title: "Open and update tickets",
    requirements: [{ module: "Service Desk", function: "Service Tickets", need: ALL_AEI }],
  },
  "close-tickets": {
    title: "Close tickets",
    requirements: [
      {
        module: "Service Desk",
        function: "Close Service Tickets",
        need: { edit: "All", inquire: "All" },
      },
    ],
  },
  "resource-scheduling": {
    title: "Assign resources, schedule",
    requirements: [{ module: "Service Desk", function: "Resource Scheduling", need: ALL_AEI }],
  },
  "ticket-dependencies": {
    title: "Ticket dependencies",
    requirements: [
      { module: "Service Desk", function: "Service Ticket - Dependencies", need: ALL_AEI },
    ],
  },
  "time-entries": {
    title: "Time entries on close",
    requirements: [
      { module: "Time & Expense", function: "Time Entry", need: ALL_AEI },
      {
        module: "Time & Expense",
        function: "Time Entry Billable Option",
        need: { add: "All", inquire: "All" },
      },
    ],
  },
  agreements: {
    title: "Billing: agreements and additions",
    requirements: [{ module: "Finance", function: "Agreements", need: ALL_AEI }],
  },
  "company-finance": {
    title: "Billing: company finance",
    requirements: [{ module: "Finance", function: "Company Finance", need: ALL_AEI }],
  },
  products: {
    title: "Billing: products and catalog",
    requirements: [
      { module: "Procurement", function: "Product Catalog", need: { inquire: "All" } },
      { module: "Procurement", function: "Products", need: { edit: "All", inquire: "All" } },
      { module: "Procurement", function: "Product Billable Option", need: ALL_AEI },
    ],
  },
  reports: {
    title: "Reports (read-only analytics)",
    requirements: [
      { module: "Finance", function: "Reports", need: { inquire: "All" } },
      { module: "Service Desk", function: "Reports", need: { inquire: "All" } },
      { module: "System", function: "API Reports", need: ALL_AEI },
    ],
  },
  callbacks: {
    title: "Callbacks (ticket change notifications)",
    requirements: [
      {
        module: "System",
        function: "Manage Callbacks",
        need: { add: "All", edit: "All", delete: "All", inquire: "All" },
      },
    ],
  },
  inventory: {
    title: "User inventory: members and mapped companies' contacts (read-only)",
    requirements: [
      { module: "System", function: "Member Maintenance", need: { inquire: "All" } },
      { module: "Companies", function: "Contacts", need: { inquire: "All" } },
      { module: "Companies", function: "Company Maintenance", need: { inquire: "All" } },
    ],
  },
} as const satisfies Record<PermissionFeature, FeaturePermissions>;
