/**
 * The fixed demo customers: realistic names with legal suffixes and punctuation variants
 * (useful for fuzzy-matching tests; `&` and `'` exercise encoding and conditions quoting), and name pools for generated companies and contacts.
 */

/** Company type names. */
export type CompanyTypeName = "Customer" | "Prospect" | "Vendor" | "Partner" | "Owner";

/** Company status names. */
export type CompanyStatusName = "Active" | "Inactive" | "Not-Approved" | "Credit Hold";

/** One fixed company. */
export interface CompanySpec {
  readonly identifier: string;
  readonly name: string;
  readonly type: CompanyTypeName;
  readonly status: CompanyStatusName;
  readonly addressLine1: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  /** Web/e-mail domain. */
  readonly domain: string;
}

const spec = (
  identifier: string,
  name: string,
  type: CompanyTypeName,
  status: CompanyStatusName,
  address: readonly [string, string, string, string],
  domain: string,
): CompanySpec => {
  const [addressLine1, city, state, zip] = address;
  return { identifier, name, type, status, addressLine1, city, state, zip, domain };
};

/** The fixed demo companies (the MSP itself is not in this list). */
export const FIXED_COMPANIES: readonly CompanySpec[] = [
  spec(
    "AcmeCorp",
    "Acme Corporation",
    "Customer",
    "Active",
    ["100 Roadrunner Way", "Phoenix", "AZ", "85001"],
    "acme.example",
  ),
  spec(
    "Globex",
    "Globex, Inc.",
    "Customer",
    "Active",
    ["1 Cypress Creek Pkwy", "Springfield", "OR", "97477"],
    "globex.example",
  ),
  spec(
    "Initech",
    "Initech LLC",
    "Customer",
    "Active",
    ["4120 Freidrich Ln", "Austin", "TX", "78744"],
    "initech.example",
  ),
  spec(
    "Umbrella",
    "Umbrella Corp.",
    "Customer",
    "Active",
    ["545 S Birdneck Rd", "Raccoon City", "PA", "19104"],
    "umbrella.example",
  ),
  spec(
    "StarkInd",
    "Stark Industries",
    "Customer",
    "Active",
    ["10880 Malibu Point", "Malibu", "CA", "90265"],
    "stark.example",
  ),
  spec(
    "WayneEnt",
    "Wayne Enterprises",
    "Customer",
    "Active",
    ["1007 Mountain Dr", "Gotham", "NJ", "07001"],
    "wayne.example",
  ),
  spec(
    "Contoso",
    "Contoso Ltd",
    "Customer",
    "Active",
    ["1 Microsoft Way", "Redmond", "WA", "98052"],
    "contoso.example",
  ),
  spec(
    "Fabrikam",
    "Fabrikam GmbH",
    "Customer",
    "Active",
    ["Hauptstrasse 12", "Berlin", "BE", "10115"],
    "fabrikam.example",
  ),
  spec(
    "TailspinToys",
    "Tailspin Toys",
    "Customer",
    "Active",
    ["22 Runway Rd", "Wichita", "KS", "67202"],
    "tailspintoys.example",
  ),
  spec(
    "Hooli",
    "Hooli, Inc",
    "Customer",
    "Active",
    ["2624 Mill St", "Palo Alto", "CA", "94301"],
    "hooli.example",
  ),
  spec(
    "Soylent",
    "Soylent Corp",
    "Customer",
    "Active",
    ["88 Green Ave", "New York", "NY", "10001"],
    "soylent.example",
  ),
  spec(
    "Cyberdyne",
    "Cyberdyne Systems Corporation",
    "Customer",
    "Active",
    ["18144 El Camino Real", "Sunnyvale", "CA", "94087"],
    "cyberdyne.example",
  ),
  spec(
    "DunderMifflin",
    "Dunder Mifflin Paper Company, Inc.",
    "Customer",
    "Active",
    ["1725 Slough Ave", "Scranton", "PA", "18505"],
    "dundermifflin.example",
  ),
  spec(
    "BlueYonder",
    "Blue Yonder Airlines",
    "Customer",
    "Active",
    ["3 Terminal Dr", "Denver", "CO", "80249"],
    "blueyonder.example",
  ),
  spec(
    "WoodgroveBank",
    "Woodgrove Bank",
    "Customer",
    "Active",
    ["500 Market St", "San Francisco", "CA", "94105"],
    "woodgrove.example",
  ),
  spec(
    "ACMEWidgets",
    "ACME Widgets & Co.",
    "Customer",
    "Active",
    ["7 Anvil Ct", "Tucson", "AZ", "85701"],
    "acmewidgets.example",
  ),
  spec(
    "OBrienSons",
    "O'Brien & Sons Plumbing",
    "Customer",
    "Active",
    ["31 Shamrock Rd", "Boston", "MA", "02127"],
    "obriensons.example",
  ),
  spec(
    "VandelayInd",
    "Vandelay Industries",
    "Prospect",
    "Active",
    ["129 W 81st St", "New York", "NY", "10024"],
    "vandelay.example",
  ),
  spec(
    "WonkaInd",
    "Wonka Industries",
    "Prospect",
    "Not-Approved",
    ["1 Chocolate Ln", "Bristol", "CT", "06010"],
    "wonka.example",
  ),
  spec(
    "Oscorp",
    "Oscorp Industries",
    "Customer",
    "Inactive",
    ["5th Ave & 57th St", "New York", "NY", "10022"],
    "oscorp.example",
  ),
  spec(
    "MassiveDyn",
    "Massive Dynamic",
    "Customer",
    "Credit Hold",
    ["1 Massive Plaza", "Boston", "MA", "02110"],
    "massivedynamic.example",
  ),
  spec(
    "Aperture",
    "Aperture Science, Inc.",
    "Prospect",
    "Not-Approved",
    ["1 Enrichment Center", "Upper Michigan", "MI", "49855"],
    "aperture.example",
  ),
  spec(
    "Litware",
    "Litware, Inc.",
    "Vendor",
    "Active",
    ["40 Software Blvd", "Seattle", "WA", "98101"],
    "litware.example",
  ),
  spec(
    "NorthwindTraders",
    "Northwind Traders",
    "Vendor",
    "Active",
    ["12 Orchestra Terrace", "Walla Walla", "WA", "99362"],
    "northwindtraders.example",
  ),
  spec(
    "ADatum",
    "A. Datum Corporation",
    "Partner",
    "Active",
    ["9 Data Center Rd", "Reston", "VA", "20190"],
    "adatum.example",
  ),
];

/** Pools for generated companies beyond the fixed list. */
export const GENERATED_NAME_PARTS = {
  first: [
    "Summit",
    "Harbor",
    "Pioneer",
    "Cedar",
    "Granite",
    "Redwood",
    "Silverline",
    "Bluewater",
    "Ironwood",
    "Lakeside",
    "Northstar",
    "Oakridge",
    "Riverbend",
    "Sterling",
    "Trailhead",
    "Westfield",
    "Brightside",
    "Copperfield",
    "Evergreen",
    "Highland",
  ],
  second: [
    "Logistics",
    "Dental",
    "Legal",
    "Accounting",
    "Manufacturing",
    "Realty",
    "Engineering",
    "Medical",
    "Construction",
    "Consulting",
    "Foods",
    "Architects",
    "Insurance",
    "Energy",
    "Veterinary",
    "Outfitters",
    "Labs",
    "Media",
    "Freight",
    "Hospitality",
  ],
  suffix: ["LLC", "Inc.", "Ltd", "Corp.", "Group", "Partners", "Co.", "GmbH", "", "S.A."],
} as const;

/** City/state/zip triples for generated addresses. */
export const CITIES: readonly (readonly [string, string, string])[] = [
  ["Portland", "OR", "97201"],
  ["Denver", "CO", "80202"],
  ["Chicago", "IL", "60601"],
  ["Atlanta", "GA", "30303"],
  ["Columbus", "OH", "43215"],
  ["Tampa", "FL", "33602"],
  ["Madison", "WI", "53703"],
  ["Raleigh", "NC", "27601"],
];

/** Street names for generated addresses. */
export const STREETS: readonly string[] = [
  "Main St",
  "Oak Ave",
  "Maple Dr",
  "Commerce Blvd",
  "Industrial Pkwy",
  "Park Ln",
  "Elm St",
];

/** First names for contacts. */
export const FIRST_NAMES: readonly string[] = [
  "Alice",
  "Bob",
  "Carmen",
  "Deepak",
  "Elena",
  "Farid",
  "Grace",
  "Hiro",
  "Ines",
  "Jamal",
  "Kira",
  "Liam",
  "Maya",
  "Noah",
  "Olga",
  "Pedro",
  "Quinn",
  "Rosa",
  "Sven",
  "Tara",
];

/** Last names for contacts. */
export const LAST_NAMES: readonly string[] = [
  "Anders",
  "Brooks",
  "Chen",
  "Dubois",
  "Evans",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ito",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Murphy",
  "Nguyen",
  "O'Brien",
  "Patel",
  "Rossi",
  "Schmidt",
  "Tanaka",
];

/** Contact titles. */
export const TITLES: readonly string[] = [
  "Office Manager",
  "IT Coordinator",
  "CEO",
  "Controller",
  "Operations Director",
  "Receptionist",
];
