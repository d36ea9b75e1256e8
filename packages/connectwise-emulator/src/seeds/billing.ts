/**
 * Billing: agreement types, catalog items, and the Acme "Managed Services" agreement with its
 * additions.
 */
import type { Entity } from "../types.js";
import { daysBefore } from "./constants.js";
import { contactRef, identifierRef, nameRef, productRef } from "./refs.js";

/** Rows of the billing tables. */
export interface BillingTables {
  agreementTypes: Entity[];
  catalogItems: Entity[];
  agreements: Entity[];
  additions: Entity[];
}

/** Rows the agreement references. */
export interface BillingContext {
  readonly companies: readonly Entity[];
  readonly contacts: readonly Entity[];
  readonly sites: readonly Entity[];
}

/**
 * The `agreementTypes` rows.
 *
 * @example
 * buildAgreementTypes()[0]; // { id: 1, name: "Managed Services" }
 */
export function buildAgreementTypes(): Entity[] {
  return [
    { id: 1, name: "Managed Services" },
    { id: 2, name: "Block Time" },
  ];
}

type CatalogSpec = readonly [string, string, string, number, number, string];

/** [identifier, description (≤60), unit of measure, price, cost, subcategory]. */
const CATALOG: readonly CatalogSpec[] = [
  [
    "MANAGED-WS",
    "Managed Workstation - per device per month",
    "Device",
    45,
    12,
    "Managed Services",
  ],
  ["MANAGED-SRV", "Managed Server - per device per month", "Device", 150, 40, "Managed Services"],
  ["MANAGED-FW", "Managed Firewall - per device per month", "Device", 60, 15, "Managed Services"],
  ["BACKUP-GB", "Cloud Backup - per GB per month", "GB", 0.25, 0.08, "Backup"],
  ["HELPDESK-USER", "Help Desk - per user per month", "User", 25, 6, "Managed Services"],
];

const UNITS: Readonly<Record<string, number>> = { Device: 1, GB: 2, User: 3 };
const SUBCATEGORIES: Readonly<Record<string, number>> = { "Managed Services": 1, Backup: 2 };

/**
 * The `catalogItems` rows (recurring agreement products).
 *
 * @example
 * buildCatalogItems(buildAgreementTypes()).map((row) => row["identifier"]); // ["MANAGED-WS", ...]
 */
export function buildCatalogItems(agreementTypes: readonly Entity[]): Entity[] {
  const managed = agreementTypes[0];
  return CATALOG.map(([identifier, description, unit, price, cost, subcategory], index) => ({
    id: index + 1,
    identifier,
    description,
    customerDescription: description,
    inactiveFlag: false,
    subcategory: { id: SUBCATEGORIES[subcategory] ?? 1, name: subcategory },
    type: { id: 1, name: "Recurring Service" },
    category: { id: 1, name: "Managed Services" },
    productClass: "Agreement",
    serializedFlag: false,
    unitOfMeasure: { id: UNITS[unit] ?? 1, name: unit },
    price,
    cost,
    priceAttribute: "FixedFee",
    taxableFlag: false,
    dropShipFlag: false,
    specialOrderFlag: false,
    recurringFlag: true,
    recurringRevenue: price,
    recurringCost: cost,
    billableOption: "Billable",
    ...(managed === undefined ? {} : { agreementType: nameRef(managed) }),
  }));
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** [catalog identifier, quantity]. */
const ADDITIONS: readonly (readonly [string, number])[] = [
  ["MANAGED-WS", 25],
  ["MANAGED-SRV", 3],
  ["BACKUP-GB", 500],
];

function additionRows(agreement: Entity, catalog: readonly Entity[]): Entity[] {
  const rows: Entity[] = [];
  for (const [identifier, quantity] of ADDITIONS) {
    const product = catalog.find((row) => row["identifier"] === identifier);
    if (product === undefined) continue;
    const unitPrice = product["price"] as number;
    const unitCost = product["cost"] as number;
    const extPrice = round2(unitPrice * quantity);
    const extCost = round2(unitCost * quantity);
    rows.push({
      id: rows.length + 1,
      agreementId: agreement.id,
      agreement: nameRef(agreement),
      product: productRef(product),
      description: product["description"],
      invoiceDescription: product["description"],
      quantity,
      lessIncluded: 0,
      unitPrice,
      unitCost,
      billCustomer: "Billable",
      effectiveDate: daysBefore(365),
      taxableFlag: false,
      purchaseItemFlag: false,
      specialOrderFlag: false,
      agreementStatus: "Active",
      sequenceNumber: rows.length + 1,
      billedQuantity: quantity,
      uom: (product["unitOfMeasure"] as { name: string }).name,
      extPrice,
      extCost,
      margin: round2(extPrice - extCost),
    });
  }
  return rows;
}

/**
 * Builds the billing tables; the agreement (Acme, "Managed Services", Active) and its additions
 * exist only when the Acme company does.
 *
 * @example
 * buildBilling(context).additions.length; // 3
 */
export function buildBilling(context: BillingContext): BillingTables {
  const agreementTypes = buildAgreementTypes();
  const catalogItems = buildCatalogItems(agreementTypes);
  const out: BillingTables = { agreementTypes, catalogItems, agreements: [], additions: [] };
  const company = context.companies.find((row) => row["identifier"] === "AcmeCorp");
  const type = agreementTypes[0];
  if (company === undefined || type === undefined) return out;
  const ofCompany = (row: Entity) => (row["company"] as { id: number }).id === company.id;
  const contact = context.contacts.find(ofCompany);
  const site = context.sites.find((row) => ofCompany(row) && row["primaryAddressFlag"] === true);
  const agreement: Entity = {
    id: 1,
    name: "Acme Corporation - Managed Services",
    type: nameRef(type),
    company: identifierRef(company),
    ...(contact === undefined ? {} : { contact: contactRef(contact) }),
    ...(site === undefined ? {} : { site: nameRef(site) }),
    startDate: daysBefore(365),
    noEndingDateFlag: true,
    cancelledFlag: false,
    applicationUnits: "Amount",
    applicationUnlimitedFlag: true,
    billTime: "Billable",
    billExpenses: "Billable",
    billProducts: "Billable",
    taxable: false,
    agreementStatus: "Active",
  };
  out.agreements.push(agreement);
  out.additions.push(...additionRows(agreement, catalogItems));
  agreement["billAmount"] = round2(
    out.additions.reduce((sum, row) => sum + (row["extPrice"] as number), 0),
  );
  return out;
}
