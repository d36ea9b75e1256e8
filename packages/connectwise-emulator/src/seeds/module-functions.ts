/**
 * The security module functions the emulator enforces (module → function), with identifiers.
 */

/** One module function of a security role matrix. */
export interface ModuleFunction {
  readonly moduleName: string;
  readonly moduleIdentifier: string;
  readonly moduleFunctionName: string;
  readonly moduleFunctionIdentifier: string;
  readonly description: string;
  /** The function distinguishes "My" from "All". */
  readonly myAllFlag: boolean;
}

const fn = (
  moduleName: string,
  moduleIdentifier: string,
  moduleFunctionName: string,
  moduleFunctionIdentifier: string,
  description: string,
  myAllFlag = false,
): ModuleFunction => ({
  moduleName,
  moduleIdentifier,
  moduleFunctionName,
  moduleFunctionIdentifier,
  description,
  myAllFlag,
});

/** Every module function a seeded role has a settings row for, in display order. */
export const MODULE_FUNCTIONS: readonly ModuleFunction[] = [
  fn("System", "System", "My Company", "MyCompany", "Company setup and system information"),
  fn("System", "System", "Member Maintenance", "MemberMaintenance", "Members and API members"),
  fn("System", "System", "Security Roles", "SecurityRoles", "Security roles and their settings"),
  fn("System", "System", "Table Setup", "TableSetup", "Setup tables (boards, types, statuses)"),
  fn("System", "System", "Manage Callbacks", "ManageCallbacks", "Callback (webhook) registrations"),
  fn("System", "System", "API Reports", "ApiReports", "Reports through the API"),
  fn("Companies", "Company", "Company Maintenance", "CompanyMaintenance", "Companies", true),
  fn("Companies", "Company", "Contacts", "Contacts", "Contacts", true),
  fn("Companies", "Company", "Configurations", "Configurations", "Configurations (devices)"),
  fn("Service Desk", "ServiceDesk", "Service Tickets", "ServiceTickets", "Service tickets", true),
  fn(
    "Service Desk",
    "ServiceDesk",
    "Close Service Tickets",
    "CloseServiceTickets",
    "Closing tickets",
    true,
  ),
  fn(
    "Service Desk",
    "ServiceDesk",
    "Resource Scheduling",
    "ResourceScheduling",
    "Schedule entries",
    true,
  ),
  fn("Service Desk", "ServiceDesk", "Reports", "ServiceDeskReports", "Service Desk reports"),
  fn("Time & Expense", "TimeExpense", "Time Entry", "TimeEntry", "Time entries", true),
  fn("Finance", "Finance", "Agreements", "Agreements", "Agreements and additions"),
  fn("Finance", "Finance", "Company Finance", "CompanyFinance", "Company billing setup"),
  fn("Finance", "Finance", "Reports", "FinanceReports", "Finance reports"),
  fn("Procurement", "Procurement", "Product Catalog", "ProductCatalog", "Catalog items"),
  fn("Procurement", "Procurement", "Products", "Products", "Product lines"),
];

/**
 * The key of a module function, `"Module → Function"`.
 *
 * @example
 * functionKey("Service Desk", "Service Tickets"); // "Service Desk → Service Tickets"
 */
export function functionKey(moduleName: string, moduleFunctionName: string): string {
  return `${moduleName} → ${moduleFunctionName}`;
}
