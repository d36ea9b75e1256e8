/**
 * Companies with their sites and contacts: the MSP itself, the fixed demo customers, and
 * generated ones when more are asked for.
 */
import type { Entity } from "../types.js";
import {
  CITIES,
  FIRST_NAMES,
  FIXED_COMPANIES,
  GENERATED_NAME_PARTS,
  LAST_NAMES,
  STREETS,
  TITLES,
  type CompanySpec,
  type CompanyStatusName,
  type CompanyTypeName,
} from "./company-list.js";
import { MSP_COMPANY, daysBefore } from "./constants.js";
import type { Random } from "../prng.js";
import { byField, contactRef, identifierRef, nameRef } from "./refs.js";

/** Rows of the company tables. */
export interface CompanyTables {
  companies: Entity[];
  sites: Entity[];
  contacts: Entity[];
}

/** What the company builder needs from other tables. */
export interface CompanyContext {
  readonly types: readonly Entity[];
  readonly statuses: readonly Entity[];
  readonly territory: Entity;
  readonly random: Random;
}

/** First ids of a batch of companies built after the main ones (see buildCompanies). */
export interface FirstIds {
  readonly company: number;
  readonly site: number;
  readonly contact: number;
}

/** First id of the fixed/generated customers (the MSP is {@link MSP_COMPANY}.id). */
export const FIRST_CUSTOMER_ID = 250;
const FIRST_SITE_ID = 1001;
const FIRST_CONTACT_ID = 5001;
const SITE_NAMES = ["Main Office", "Warehouse", "Branch Office"] as const;

/** The MSP's own company as a spec. */
export function mspSpec(type: CompanyTypeName): CompanySpec {
  return {
    identifier: MSP_COMPANY.identifier,
    name: MSP_COMPANY.name,
    type,
    status: "Active",
    addressLine1: "1 Harbor Way, Suite 300",
    city: "Seattle",
    state: "WA",
    zip: "98104",
    domain: "northwind-msp.example",
  };
}

/**
 * Spec of the n-th generated company (n ≥ 0), unique name; identifier made unique by caller.
 *
 * @example
 * generatedSpec(0, random).name; // "Summit Logistics LLC"
 */
export function generatedSpec(n: number, random: Random): CompanySpec {
  const { first, second, suffix } = GENERATED_NAME_PARTS;
  const a = first[n % first.length] ?? "Summit";
  const b = second[Math.floor(n / first.length) % second.length] ?? "Logistics";
  const cycle = Math.floor(n / (first.length * second.length));
  const s = suffix[(n + cycle) % suffix.length] ?? "";
  const base = [a, b, s].filter((part) => part !== "").join(" ");
  const name = cycle === 0 ? base : `${base} ${cycle + 1}`;
  const [city, state, zip] = random.pick(CITIES);
  const identifier = `${a}${b}`.slice(0, 24) + (cycle === 0 ? "" : String(cycle + 1));
  return {
    identifier,
    name,
    type: "Customer",
    status: "Active",
    addressLine1: `${random.int(10, 9999)} ${random.pick(STREETS)}`,
    city,
    state,
    zip,
    domain: `${identifier.toLowerCase()}.example`,
  };
}

const phone = (random: Random): string =>
  `555-${random.int(100, 999)}-${String(random.int(0, 9999)).padStart(4, "0")}`;

function companyRow(
  id: number,
  spec: CompanySpec,
  context: CompanyContext,
  random: Random,
): Entity {
  const type = byField(context.types, "name", spec.type satisfies CompanyTypeName);
  const status = byField(context.statuses, "name", spec.status satisfies CompanyStatusName);
  return {
    id,
    identifier: spec.identifier,
    name: spec.name,
    status: nameRef(status),
    types: [nameRef(type)],
    addressLine1: spec.addressLine1,
    city: spec.city,
    state: spec.state,
    zip: spec.zip,
    phoneNumber: phone(random),
    website: `https://www.${spec.domain}`,
    territory: nameRef(context.territory),
    dateAcquired: daysBefore(random.int(30, 3000)),
    numberOfEmployees: random.int(5, 2500),
    leadFlag: spec.type === "Prospect",
    unsubscribeFlag: false,
    isVendorFlag: spec.type === "Vendor",
    deletedFlag: false,
  };
}

function siteRows(
  company: Entity,
  spec: CompanySpec,
  count: number,
  firstId: number,
  random: Random,
): Entity[] {
  return SITE_NAMES.slice(0, count).map((name, index) => ({
    id: firstId + index,
    name,
    addressLine1:
      index === 0 ? spec.addressLine1 : `${random.int(10, 9999)} ${random.pick(STREETS)}`,
    city: spec.city,
    zip: spec.zip,
    phoneNumber: phone(random),
    primaryAddressFlag: index === 0,
    defaultShippingFlag: index === 0,
    defaultBillingFlag: index === 0,
    defaultMailingFlag: index === 0,
    inactiveFlag: false,
    company: identifierRef(company),
  }));
}

const emailPart = (value: string): string => value.toLowerCase().replace(/[^a-z0-9]/g, "");

function contactRow(
  id: number,
  company: Entity,
  site: Entity,
  spec: CompanySpec,
  index: number,
  random: Random,
): Entity {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const email = `${emailPart(firstName)}.${emailPart(lastName)}@${spec.domain}`;
  const number = phone(random);
  return {
    id,
    firstName,
    lastName,
    company: identifierRef(company),
    site: nameRef(site),
    title: random.pick(TITLES),
    inactiveFlag: false,
    defaultFlag: index === 0,
    defaultBillingFlag: index === 0,
    defaultPhoneType: "Direct",
    defaultPhoneNbr: number,
    communicationItems: [
      {
        id: id * 10 + 1,
        type: { id: 1, name: "Email" },
        value: email,
        defaultFlag: true,
        domain: `@${spec.domain}`,
        communicationType: "Email",
      },
      {
        id: id * 10 + 2,
        type: { id: 2, name: "Direct" },
        value: number,
        defaultFlag: true,
        communicationType: "Phone",
      },
    ],
  };
}

function uniqueIdentifier(identifier: string, taken: Set<string>): string {
  let candidate = identifier;
  for (let n = 2; taken.has(candidate.toLowerCase()); n += 1)
    candidate = `${identifier.slice(0, 26)}${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * The specs of the demo: the MSP, then `count` customers (fixed list first, then generated).
 *
 * @example
 * companySpecs(2, random).map((spec) => spec.name); // ["Northwind MSP", "Acme Corporation", "Globex, Inc."]
 */
export function companySpecs(count: number, random: Random): CompanySpec[] {
  const specs = [mspSpec("Owner"), ...FIXED_COMPANIES.slice(0, count)];
  const taken = new Set(specs.map((spec) => spec.identifier.toLowerCase()));
  for (let n = 0; specs.length < count + 1; n += 1) {
    const generated = generatedSpec(n, random);
    specs.push({ ...generated, identifier: uniqueIdentifier(generated.identifier, taken) });
  }
  return specs;
}

/**
 * Builds companies (first spec = the MSP, id 2), each with 1–3 sites (the first primary) and
 * 1–4 contacts with e-mail and phone communication items. The MSP gets 1 and 1, the first
 * customer 3 and 4.
 *
 * @example
 * const tables = buildCompanies(companySpecs(22, random), context);
 */
export function buildCompanies(
  specs: readonly CompanySpec[],
  context: CompanyContext,
  /** A later batch (no MSP first): its first ids; every company gets 1–3 sites, 1–4 contacts. */
  batch?: FirstIds,
): CompanyTables {
  const { random } = context;
  const out: CompanyTables = { companies: [], sites: [], contacts: [] };
  const firstSite = batch?.site ?? FIRST_SITE_ID;
  const firstContactId = batch?.contact ?? FIRST_CONTACT_ID;
  specs.forEach((spec, index) => {
    const id =
      batch !== undefined
        ? batch.company + index
        : index === 0
          ? MSP_COMPANY.id
          : FIRST_CUSTOMER_ID + index - 1;
    const company = companyRow(id, spec, context, random);
    const fixedCounts = batch === undefined && index < 2;
    const siteCount = fixedCounts ? (index === 0 ? 1 : 3) : random.int(1, 3);
    const contactCount = fixedCounts ? (index === 0 ? 1 : 4) : random.int(1, 4);
    const sites = siteRows(company, spec, siteCount, firstSite + out.sites.length, random);
    const contacts: Entity[] = [];
    for (let c = 0; c < contactCount; c += 1) {
      const site = sites[c % sites.length] ?? sites[0];
      if (site === undefined) throw new Error("seed: company without site");
      contacts.push(
        contactRow(firstContactId + out.contacts.length + c, company, site, spec, c, random),
      );
    }
    const primary = sites[0];
    const firstContact = contacts[0];
    if (primary !== undefined) company["site"] = nameRef(primary);
    if (firstContact !== undefined) company["defaultContact"] = contactRef(firstContact);
    out.companies.push(company);
    out.sites.push(...sites);
    out.contacts.push(...contacts);
  });
  return out;
}

/**
 * Specs of `count` generated prospects (type Prospect, status Active), named and identified
 * apart from the customers (`taken` = identifiers in use, lower-cased; it is extended).
 *
 * @example
 * prospectSpecs(2, random, new Set()).map((spec) => spec.type); // ["Prospect", "Prospect"]
 */
export function prospectSpecs(count: number, random: Random, taken: Set<string>): CompanySpec[] {
  const specs: CompanySpec[] = [];
  for (let n = 0; n < count; n += 1) {
    const generated = generatedSpec(n + PROSPECT_OFFSET, random);
    specs.push({
      ...generated,
      type: "Prospect",
      identifier: uniqueIdentifier(generated.identifier, taken),
    });
  }
  return specs;
}

/** Prospect names start this far into the generated-name cycle (e.g. "Summit Logistics LLC 26"). */
const PROSPECT_OFFSET = 10_000;
