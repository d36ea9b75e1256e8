/**
 * Contract: every entity the emulator returns — every row of every served list, every
 * GET by id, `/count`, the system endpoints, ticket search and create responses — has the
 * field names and types of the key schema the 2025.16 spec names as that operation's
 * response (`Array<Company>` → `Company`), with enum values and references checked too.
 */
import { describe, expect, it } from "vitest";
import { RESOURCES, createEmulator, type Emulator, type ResourceDef } from "../src/index.js";
import { call, keySchemas, specOperations } from "./support/api.js";
import { checkEntity, type SchemaProblem } from "./support/schema-check.js";

const SCHEMAS = keySchemas();
const OPERATIONS = specOperations();

/** Response schemas the spec names that the key-schema digest does not describe. */
const UNDESCRIBED = new Set([
  "BoardSubType",
  "BoardItem",
  "AgreementType",
  "Location",
  "Department",
]);

/** The schema the spec gives as the success response of `method path` (`Array<X>` → X). */
function responseSchema(method: string, path: string): string {
  const op = OPERATIONS.find(
    (o) => o.method === method && o.path.toLowerCase() === path.toLowerCase(),
  );
  if (!op?.response) throw new Error(`no spec response for ${method} ${path}`);
  return op.response.replace(/^Array<(.+)>$/, "$1");
}

function parentIdOf(emulator: Emulator, def: ResourceDef): number | undefined {
  if (!def.parent) return undefined;
  const link = emulator.table(def.table)[0]?.[def.parent.field];
  return typeof link === "number" ? link : (link as { id: number } | undefined)?.id;
}

function problemsOf(schema: string, rows: readonly unknown[], at: string): SchemaProblem[] {
  if (UNDESCRIBED.has(schema)) {
    // No digest for these: only the generic entity shape.
    return rows.flatMap((row, i) =>
      typeof (row as { id?: unknown }).id === "number" &&
      typeof (row as { name?: unknown }).name === "string"
        ? []
        : [{ at: `${at}[${i}]`, problem: "expected { id: number, name: string }" }],
    );
  }
  return rows.flatMap((row, i) => checkEntity(SCHEMAS, schema, row, `${at}[${i}]`));
}

async function seededEmulator(): Promise<Emulator> {
  const emulator = createEmulator({ seed: "demo", callbackFetch: async () => new Response(null) });
  const created = await call(emulator, "POST", "/system/callbacks", {
    body: {
      url: "https://hooks.example/cw",
      objectId: 1,
      type: "ticket",
      level: "owner",
      description: "contract",
    },
  });
  expect(created.status, created.text).toBe(201);
  return emulator;
}

describe("contract: entities match the 2025.16 key schemas", () => {
  it("maps every served list route to a response schema of the spec", () => {
    const names = RESOURCES.map((def) => responseSchema("GET", def.path));
    expect(names.filter((n) => !SCHEMAS[n] && !UNDESCRIBED.has(n))).toEqual([]);
  });

  for (const def of RESOURCES) {
    it(`GET ${def.path} (list, by id, count)`, async () => {
      const emulator = await seededEmulator();
      const path = def.path.replace("{parentId}", String(parentIdOf(emulator, def)));
      const schema = responseSchema("GET", def.path);
      const list = await call(emulator, "GET", path, { query: { pageSize: "1000" } });
      expect(list.status, list.text).toBe(200);
      const rows = list.json as unknown[];
      expect(rows.length, `${path} returned no rows to check`).toBeGreaterThan(0);
      const first = rows[0] as { id: number };
      const one = await call(emulator, "GET", `${path}/${first.id}`);
      expect(one.status, one.text).toBe(200);
      const count = await call(emulator, "GET", `${path}/count`);
      // A page holds at most 1,000 rows (the demo has more companies, contacts, configurations).
      const total = (count.json as { count: number }).count;
      expect(rows.length).toBe(Math.min(total, 1000));
      expect([
        ...problemsOf(schema, rows, `GET ${path}`),
        ...problemsOf(schema, [one.json], `GET ${path}/${first.id}`),
        ...checkEntity(SCHEMAS, "Count", count.json),
      ]).toEqual([]);
    });
  }

  it("system info, myMembers, mySecurity and ticket search", async () => {
    const emulator = await seededEmulator();
    const checks: [string, string, string, unknown?][] = [
      ["GET", "/system/info", "Info"],
      ["GET", "/system/myMembers", "MyMember"],
      ["GET", "/system/mySecurity", "MySecurity"],
      ["POST", "/service/tickets/search", "Ticket", { conditions: "closedFlag = false" }],
      ["GET", "/service/tickets/40001/configurations", "ConfigurationReference"],
      ["GET", "/service/tickets/40001/configurations/20001", "ConfigurationReference"],
    ];
    const problems: SchemaProblem[] = [];
    for (const [method, path, expected, body] of checks) {
      expect(
        responseSchema(
          method,
          path.replace(/\/40001\//, "/{parentId}/").replace(/\/20001$/, "/{id}"),
        ),
      ).toBe(expected);
      const result = await call(emulator, method, path, body === undefined ? {} : { body });
      expect(result.status, `${path}: ${result.text}`).toBe(200);
      const rows = Array.isArray(result.json) ? result.json : [result.json];
      expect(rows.length).toBeGreaterThan(0);
      problems.push(...problemsOf(expected, rows, `${method} ${path}`));
    }
    expect(problems).toEqual([]);
  });

  it("create responses (ticket with first note, configuration, company, time entry)", async () => {
    const emulator = await seededEmulator();
    const creates: [string, string, unknown][] = [
      [
        "/service/tickets",
        "Ticket",
        { summary: "Contract", company: { id: 250 }, initialDescription: "first note" },
      ],
      [
        "/company/configurations",
        "CompanyConfiguration",
        { name: "CONTRACT-1", type: { id: 1 }, company: { id: 250 } },
      ],
      [
        "/company/companies",
        "Company",
        { identifier: "ContractCo", name: "Contract Co", city: "Springfield" },
      ],
      [
        "/time/entries",
        "TimeEntry",
        {
          chargeToId: 40001,
          chargeToType: "ServiceTicket",
          timeStart: "2025-06-02T14:00:00Z",
          timeEnd: "2025-06-02T15:00:00Z",
        },
      ],
    ];
    const problems: SchemaProblem[] = [];
    for (const [path, schema, body] of creates) {
      expect(responseSchema("POST", path)).toBe(schema);
      const result = await call(emulator, "POST", path, { body });
      expect(result.status, `${path}: ${result.text}`).toBe(201);
      problems.push(...checkEntity(SCHEMAS, schema, result.json, `POST ${path}`));
    }
    const ticketId = (emulator.table("tickets").at(-1) as { id: number }).id;
    const notes = await call(emulator, "GET", `/service/tickets/${ticketId}/notes`);
    expect(notes.json).toHaveLength(1);
    problems.push(...problemsOf("ServiceNote", notes.json as unknown[], "notes"));
    expect(problems).toEqual([]);
  });

  it("the checker itself rejects unknown fields, wrong types, bad enums, bad references and non-nullable nulls", () => {
    const problems = checkEntity(SCHEMAS, "Ticket", {
      id: "1",
      summary: 5,
      madeUp: true,
      severity: "Catastrophic",
      company: { id: "x" },
      closedFlag: null,
      contactName: null,
    });
    expect(problems.map((p) => p.at).sort()).toEqual(
      [
        "Ticket.company.id",
        "Ticket.contactName",
        "Ticket.id",
        "Ticket.madeUp",
        "Ticket.severity",
        "Ticket.summary",
      ].sort(),
    );
  });
});
