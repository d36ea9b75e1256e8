/**
 * A tiny, hand-checkable seed and a raw-fetch helper for the emulator's own tests.
 */
import { createEmulator } from "./create-emulator.js";
import { PERMISSIONS } from "./resources.js";
import type { Emulator, EmulatorOptions, Entity, SeedData } from "./types.js";

export const FIXTURE_CLIENT_ID = "11111111-2222-3333-4444-555555555555";
export const FIXTURE_NOW = "2025-06-01T12:00:00Z";

type Level = "None" | "My" | "All";

function settings(
  roleId: number,
  level: (module: string, fn: string, kind: string) => Level,
  startId: number,
): Entity[] {
  return Object.values(PERMISSIONS).map(([moduleName, moduleFunctionName], index) => ({
    id: startId + index,
    roleId,
    moduleName,
    moduleFunctionName,
    addLevel: level(moduleName, moduleFunctionName, "add"),
    editLevel: level(moduleName, moduleFunctionName, "edit"),
    deleteLevel: level(moduleName, moduleFunctionName, "delete"),
    inquireLevel: level(moduleName, moduleFunctionName, "inquire"),
  }));
}

const ref = (id: number, name: string): Record<string, unknown> => ({ id, name });

/** Roles: 1 full, 2 read-only without tickets, 3 full but cannot close tickets. */
export function fixtureSeed(): SeedData {
  return {
    companyId: "Acme",
    codebase: "v2025_1/",
    clientIds: [FIXTURE_CLIENT_ID],
    apiKeys: [
      { publicKey: "pubFull", privateKey: "privFull", memberIdentifier: "fullapi" },
      { publicKey: "pubRead", privateKey: "privRead", memberIdentifier: "readapi" },
      { publicKey: "pubNoClose", privateKey: "privNoClose", memberIdentifier: "jdoe" },
    ],
    tables: {
      securityRoles: [
        { id: 1, name: "Full" },
        { id: 2, name: "Read only" },
        { id: 3, name: "No close" },
      ],
      securityRoleSettings: [
        ...settings(1, () => "All", 100),
        ...settings(
          2,
          (_, fn, kind) => (kind === "inquire" && fn !== "Service Tickets" ? "All" : "None"),
          200,
        ),
        ...settings(3, (_, fn) => (fn === "Close Service Tickets" ? "None" : "All"), 300),
      ],
      apiMembers: [
        { id: 10, identifier: "fullapi", name: "Full API", securityRole: ref(1, "Full") },
        { id: 11, identifier: "readapi", name: "Read API", securityRole: ref(2, "Read only") },
      ],
      members: [
        {
          id: 20,
          identifier: "jdoe",
          firstName: "Jane",
          lastName: "Doe",
          securityRole: ref(3, "No close"),
        },
      ],
      companyStatuses: [{ id: 1, name: "Active", defaultFlag: true }],
      companyTypes: [{ id: 1, name: "Customer" }],
      companies: [
        {
          id: 1,
          identifier: "Acme",
          name: "Acme Corp",
          status: ref(1, "Active"),
          city: "Springfield",
        },
        {
          id: 2,
          identifier: "Globex",
          name: "Globex Inc",
          status: ref(1, "Active"),
          city: "Shelbyville",
        },
        { id: 3, identifier: "Initech", name: "Initech", status: ref(1, "Active") },
      ],
      contacts: [
        {
          id: 1,
          firstName: "Jane",
          lastName: "Roe",
          company: { id: 1, identifier: "Acme", name: "Acme Corp" },
          communicationItems: [
            { type: ref(1, "Email"), value: "jane@acme.example", communicationType: "Email" },
            { type: ref(2, "Direct"), value: "555-0100", communicationType: "Phone" },
          ],
          customFields: [{ id: 1, caption: "AssetTag", type: "Text", value: "A-1" }],
        },
        {
          id: 2,
          firstName: "John",
          lastName: "Poe",
          company: { id: 2, identifier: "Globex", name: "Globex Inc" },
          communicationItems: [
            { type: ref(1, "Email"), value: "john@globex.example", communicationType: "Email" },
          ],
          customFields: [{ id: 1, caption: "AssetTag", type: "Text", value: null }],
        },
      ],
      locations: [{ id: 1, name: "HQ" }],
      departments: [{ id: 1, name: "Service" }],
      boards: [
        { id: 1, name: "Help Desk", location: ref(1, "HQ"), department: ref(1, "Service") },
        { id: 2, name: "Alerts", location: ref(1, "HQ"), department: ref(1, "Service") },
      ],
      boardStatuses: [
        { id: 1, name: "New", board: ref(1, "Help Desk"), defaultFlag: true, closedStatus: false },
        { id: 2, name: "Closed", board: ref(1, "Help Desk"), closedStatus: true },
        { id: 3, name: "New", board: ref(2, "Alerts"), defaultFlag: true, closedStatus: false },
      ],
      boardTypes: [
        { id: 1, name: "Incident", board: ref(1, "Help Desk") },
        { id: 2, name: "Alert", board: ref(2, "Alerts") },
      ],
      priorities: [
        { id: 1, name: "Low", color: "Green", sortOrder: 3 },
        { id: 2, name: "Medium", color: "Yellow", sortOrder: 2, defaultFlag: true },
      ],
      configurationTypes: [{ id: 1, name: "Workstation" }],
      configurationStatuses: [{ id: 1, description: "Active", defaultFlag: true }],
      configurations: [
        {
          id: 1,
          name: "ACME-WS-1",
          type: ref(1, "Workstation"),
          company: { id: 1, identifier: "Acme" },
          deviceIdentifier: "rmm-1",
          activeFlag: true,
        },
        {
          id: 2,
          name: "ACME-WS-2",
          type: ref(1, "Workstation"),
          company: { id: 1, identifier: "Acme" },
          deviceIdentifier: "rmm-2",
          activeFlag: false,
        },
        {
          id: 3,
          name: "GLOBEX-SRV",
          type: ref(1, "Workstation"),
          company: { id: 2, identifier: "Globex" },
          activeFlag: true,
        },
      ],
      tickets: [
        {
          id: 100,
          summary: "Printer jam",
          board: ref(1, "Help Desk"),
          status: ref(1, "New"),
          company: { id: 1, identifier: "Acme", name: "Acme Corp" },
          priority: ref(2, "Medium"),
          severity: "Medium",
          impact: "Medium",
          closedFlag: false,
          _info: { lastUpdated: "2025-05-01T00:00:00Z", updatedBy: "seed" },
        },
        {
          id: 101,
          summary: "Disk almost full",
          board: ref(2, "Alerts"),
          status: ref(3, "New"),
          company: { id: 2, identifier: "Globex", name: "Globex Inc" },
          priority: ref(1, "Low"),
          severity: "High",
          impact: "Low",
          closedFlag: false,
          _info: { lastUpdated: "2025-05-20T00:00:00Z", updatedBy: "seed" },
        },
      ],
      agreementTypes: [{ id: 1, name: "Managed Services" }],
      agreements: [
        {
          id: 1,
          name: "Acme MSA",
          type: ref(1, "Managed Services"),
          company: { id: 1, identifier: "Acme" },
          contact: ref(1, "Jane Roe"),
        },
      ],
      catalogItems: [
        {
          id: 1,
          identifier: "AV-SEAT",
          description: "Antivirus seat",
          price: 5,
          cost: 2,
          subcategory: ref(1, "Security"),
          type: ref(1, "Service"),
          customerDescription: "AV",
        },
      ],
    },
  };
}

/** A fixed clock at {@link FIXTURE_NOW}. */
export const fixedClock = { now: () => new Date(FIXTURE_NOW) };

/** An emulator on the fixture seed with a fixed clock. */
export function fixtureEmulator(options: EmulatorOptions = {}): Emulator {
  return createEmulator({ seed: fixtureSeed(), clock: fixedClock, ...options });
}

export type KeyName = "full" | "read" | "noclose";

const KEYS: Readonly<Record<KeyName, string>> = {
  full: "Acme+pubFull:privFull",
  read: "Acme+pubRead:privRead",
  noclose: "Acme+pubNoClose:privNoClose",
};

export interface CallOptions {
  readonly body?: unknown;
  readonly key?: KeyName;
  readonly headers?: Record<string, string>;
  /** Raw body text (sent as is). */
  readonly raw?: string;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/** The headers a real client sends for a key. */
export function authHeaders(key: KeyName = "full"): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(KEYS[key]).toString("base64")}`,
    clientId: FIXTURE_CLIENT_ID,
  };
}

/**
 * Calls `path` below `/v2025_1/apis/3.0` in process.
 *
 * @example
 * const { status, body } = await call(emulator, "GET", "/service/tickets");
 */
export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...authHeaders(options.key), ...options.headers };
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] = "application/json";
  }
  const response = await emulator.fetch(`http://cw.emulator/v2025_1/apis/3.0${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
