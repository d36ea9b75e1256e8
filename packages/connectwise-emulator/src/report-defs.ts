/**
 * The reports `/system/reports` serves, as data: each is built from the emulator's own tables
 * (Service from tickets, Agreement from agreements, AgreementAdditions from additions), so
 * conditions filter real rows. A report belongs to a security module (its `Reports` function
 * must grant inquire); its columns carry ConnectWise's column definition (type, nullable,
 * identity) and how the value is read from a stored row.
 */
import { refId } from "./hooks/hook-utils.js";
import type { Permission } from "./resource-def.js";
import type { Store } from "./store.js";
import type { Entity, TableName } from "./types.js";

/** ConnectWise's report column types. */
export type ReportColumnType = "Text" | "Numeric" | "DateTime" | "Boolean";

/** One column of a report. */
export interface ReportColumn {
  readonly name: string;
  readonly type: ReportColumnType;
  readonly isNullable: boolean;
  readonly identityColumn: boolean;
  readonly value: (row: Entity, lookup: ReportLookup) => unknown;
}

/** One report. */
export interface ReportDef {
  readonly name: string;
  /** The module function (`<Module> → Reports`) whose inquire level lets a member read it. */
  readonly permission: Permission;
  readonly table: TableName;
  readonly columns: readonly ReportColumn[];
}

/** Rows of other tables a report reads (by id). */
export interface ReportLookup {
  row(table: TableName, id: number | undefined): Entity | undefined;
}

/** The security functions of the report modules. */
export const REPORT_PERMISSIONS = {
  serviceDesk: ["Service Desk", "Reports"],
  finance: ["Finance", "Reports"],
  api: ["System", "API Reports"],
} as const satisfies Record<string, Permission>;

const field =
  (name: string) =>
  (row: Entity): unknown =>
    row[name] ?? null;
const refField =
  (name: string, key: "name" | "identifier" | "id") =>
  (row: Entity): unknown => {
    const ref = row[name];
    if (ref === null || typeof ref !== "object") return null;
    return (ref as Record<string, unknown>)[key] ?? null;
  };

function col(
  name: string,
  type: ReportColumnType,
  value: ReportColumn["value"],
  options: { nullable?: boolean; identity?: boolean } = {},
): ReportColumn {
  return {
    name,
    type,
    isNullable: options.nullable ?? true,
    identityColumn: options.identity ?? false,
    value,
  };
}

const agreementOf = (row: Entity, lookup: ReportLookup): Entity | undefined =>
  lookup.row("agreements", typeof row["agreementId"] === "number" ? row["agreementId"] : undefined);
const agreementCompany =
  (key: "identifier" | "name" | "id") =>
  (row: Entity, lookup: ReportLookup): unknown => {
    const agreement = agreementOf(row, lookup);
    return agreement ? refField("company", key)(agreement) : null;
  };
const companyField =
  (key: "identifier" | "name") =>
  (row: Entity, lookup: ReportLookup): unknown => {
    const company = lookup.row("companies", refId(row["company"]));
    return company?.[key] ?? refField("company", key)(row);
  };

/** The seeded reports, by name (names are matched case-insensitively). */
export const REPORTS: readonly ReportDef[] = [
  {
    name: "Service",
    permission: REPORT_PERMISSIONS.serviceDesk,
    table: "tickets",
    columns: [
      col("SR_Service_RecID", "Numeric", (row) => row.id, { nullable: false, identity: true }),
      col("Summary", "Text", field("summary"), { nullable: false }),
      col("Company_RecID", "Numeric", (row) => refId(row["company"]) ?? null),
      col("Company_ID", "Text", companyField("identifier")),
      col("Company_Name", "Text", companyField("name")),
      col("Board_Name", "Text", refField("board", "name")),
      col("Status_Description", "Text", refField("status", "name")),
      col("Type", "Text", refField("type", "name")),
      col("Priority", "Text", refField("priority", "name")),
      col("Severity", "Text", field("severity")),
      col("Impact", "Text", field("impact")),
      col("Closed_Flag", "Boolean", (row) => row["closedFlag"] === true, { nullable: false }),
      col("Date_Entered", "DateTime", (row) => {
        const info = row["_info"] as Record<string, unknown> | undefined;
        return info?.["dateEntered"] ?? null;
      }),
    ],
  },
  {
    name: "Agreement",
    permission: REPORT_PERMISSIONS.finance,
    table: "agreements",
    columns: [
      col("AGR_Header_RecID", "Numeric", (row) => row.id, { nullable: false, identity: true }),
      col("AGR_Name", "Text", field("name"), { nullable: false }),
      col("AGR_Type_Desc", "Text", refField("type", "name")),
      col("Company_ID", "Text", companyField("identifier")),
      col("Company_Name", "Text", companyField("name")),
      col("Agreement_Status", "Text", field("agreementStatus")),
      col("Cancelled_Flag", "Boolean", (row) => row["cancelledFlag"] === true, {
        nullable: false,
      }),
      col("Start_Date", "DateTime", field("startDate")),
      col("End_Date", "DateTime", field("endDate")),
      col("Bill_Amount", "Numeric", field("billAmount")),
    ],
  },
  {
    name: "AgreementAdditions",
    permission: REPORT_PERMISSIONS.finance,
    table: "additions",
    columns: [
      col("AGR_Addition_RecID", "Numeric", (row) => row.id, { nullable: false, identity: true }),
      col("AGR_Header_RecID", "Numeric", field("agreementId"), { nullable: false }),
      col("AGR_Name", "Text", refField("agreement", "name")),
      col("Company_ID", "Text", agreementCompany("identifier")),
      col("Company_Name", "Text", agreementCompany("name")),
      col("Product_ID", "Text", refField("product", "identifier")),
      col("Description", "Text", field("description")),
      col("Quantity", "Numeric", field("quantity")),
      col("Less_Included", "Numeric", field("lessIncluded")),
      col("Unit_Price", "Numeric", field("unitPrice")),
      col("Unit_Cost", "Numeric", field("unitCost")),
      col("Bill_Customer", "Text", field("billCustomer")),
      col("Effective_Date", "DateTime", field("effectiveDate")),
      col("Cancelled_Date", "DateTime", field("cancelledDate")),
    ],
  },
];

/**
 * The report of that name (case-insensitive), or undefined.
 *
 * @example
 * findReport("service")?.name; // "Service"
 */
export function findReport(name: string): ReportDef | undefined {
  const lower = name.toLowerCase();
  return REPORTS.find((report) => report.name.toLowerCase() === lower);
}

/** A lookup over the store's tables by id. */
export function storeLookup(store: Store): ReportLookup {
  return { row: (table, id) => (id === undefined ? undefined : store.get(table, id)) };
}

/**
 * One stored row as a report row: column name → value.
 *
 * @example
 * reportRecord(findReport("Service")!, ticket, storeLookup(store))["Summary"];
 */
export function reportRecord(
  report: ReportDef,
  row: Entity,
  lookup: ReportLookup,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of report.columns) record[column.name] = column.value(row, lookup) ?? null;
  return record;
}
