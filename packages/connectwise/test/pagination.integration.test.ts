/**
 * Pagination against the emulator with 3,500 extra configurations: page mode following
 * `Link rel="next"` over more than three pages, forward-only with `pageId` (stable while rows
 * are inserted), `collect` with limit / stop, `count`, and `batchIdConditions` /
 * `collectByIds` keeping every URL under 2,000 characters.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { demoSeed } from "@cwbridge/connectwise-emulator";
import { batchIdConditions, collectByIds, eq, where } from "../src/index.js";
import { apiRequests, demoEmulator, emulatorClient } from "./support/emulator-client.js";

type Emulator = ReturnType<typeof demoEmulator>;
const SEED = demoSeed({ configurations: 3_500, prospects: 0 });

function bigEmulator(): Emulator {
  return demoEmulator({ seed: SEED });
}

const fast = { throttle: { ratePerSecond: 10_000 } } as const;
const listCalls = (emulator: Emulator, path: string) =>
  apiRequests(emulator).filter((r) => r.path === path);

describe("page mode", () => {
  it("streams every configuration over 4 pages of 1,000, following Link next", async () => {
    const emulator = bigEmulator();
    const cw = emulatorClient(emulator, fast);
    const all = emulator.table("configurations");
    expect(all.length).toBeGreaterThan(3_000);
    const sizes: number[] = [];
    const ids: number[] = [];
    for await (const page of cw.paginate<{ id: number }>("/company/configurations")) {
      sizes.push(page.length);
      ids.push(...page.map((row) => row.id));
    }
    expect(sizes).toEqual([1000, 1000, 1000, all.length - 3000]);
    expect(ids).toEqual(all.map((row) => row.id));
    const calls = listCalls(emulator, "/company/configurations");
    expect(calls.map((c) => [c.query["page"], c.query["pageSize"], c.rows])).toEqual(
      sizes.map((size, i) => [String(i + 1), "1000", size]),
    );
  });

  it("pages a filtered, ordered list with a small page size and stops on the last Link", async () => {
    const emulator = bigEmulator();
    const cw = emulatorClient(emulator, fast);
    const expected = emulator
      .table("configurations")
      .filter((c) => (c["company"] as { id: number }).id === 250)
      .map((c) => String(c["name"]))
      .sort((a, b) => b.localeCompare(a));
    const pageSize = Math.ceil(expected.length / 4.5);
    const names = await cw.configurations.all({
      conditions: "company/id = 250",
      orderBy: "name desc",
      pageSize,
      map: (c) => c.name,
    });
    expect(names).toEqual(expected);
    const calls = listCalls(emulator, "/company/configurations");
    expect(calls).toHaveLength(5);
    expect(calls.every((c) => c.query["orderBy"] === "name desc")).toBe(true);
  });
});

describe("forward-only", () => {
  it("walks by pageId in id order and stays stable while rows are inserted", async () => {
    const emulator = bigEmulator();
    const cw = emulatorClient(emulator, fast);
    const before = emulator.table("configurations").map((c) => c.id);
    const seen: number[] = [];
    let inserted: number | undefined;
    for await (const page of cw.configurations.iterate({ mode: "forward-only", pageSize: 1000 })) {
      seen.push(...page.map((c) => c.id));
      if (inserted === undefined) {
        inserted = (
          await cw.configurations.create({ name: "FWD-NEW", type: { id: 1 }, company: { id: 250 } })
        ).id;
        // A row inserted mid-walk shifts numbered pages, not pageId pages.
      }
    }
    expect(seen).toEqual([...before, inserted].sort((a, b) => a! - b!));
    expect(new Set(seen).size).toBe(seen.length);
    const calls = listCalls(emulator, "/company/configurations").filter((c) => c.method === "GET");
    expect(calls[0]?.query["pageId"]).toBeUndefined();
    const pageIds = calls.slice(1).map((c) => Number(c.query["pageId"]));
    expect(pageIds).toEqual([...pageIds].sort((a, b) => a - b));
    expect(calls.every((c) => c.query["page"] === undefined)).toBe(true);
  });
});

describe("collect and count", () => {
  let emulator: Emulator;
  beforeAll(() => {
    emulator = bigEmulator();
  });

  it("limit stops fetching once enough rows are in", async () => {
    emulator.ledger.clear();
    const cw = emulatorClient(emulator, fast);
    const rows = await cw.collect<{ id: number }>("/company/configurations", { limit: 1500 });
    expect(rows).toHaveLength(1500);
    expect(listCalls(emulator, "/company/configurations")).toHaveLength(2);
  });

  it("stop ends after the current page", async () => {
    emulator.ledger.clear();
    const cw = emulatorClient(emulator, fast);
    const rows = await cw.collect<{ id: number }>("/company/configurations", {
      pageSize: 200,
      stop: (page) => page.some((row) => row.id >= 20_300),
    });
    expect(rows.at(-1)!.id).toBeGreaterThanOrEqual(20_300);
    const calls = listCalls(emulator, "/company/configurations");
    expect(calls.length).toBe(Math.ceil(rows.length / 200));
    expect(calls.length).toBeLessThan(Math.ceil(emulator.table("configurations").length / 200));
  });

  it("count agrees with the rows the same filter returns", async () => {
    const cw = emulatorClient(emulator, fast);
    const conditions = 'type/id = 1 and name like "*WS*"';
    const total = await cw.configurations.count({ conditions });
    const rows = await cw.configurations.all({ conditions });
    expect(total).toBe(rows.length);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(emulator.table("configurations").length);
  });
});

describe("id batching", () => {
  it("collectByIds returns exactly the asked rows, every URL under 2,000 characters", async () => {
    const emulator = bigEmulator();
    const urls: string[] = [];
    const cw = emulatorClient(emulator, {
      ...fast,
      fetch: (input, init) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return emulator.fetch(input, init);
      },
    });
    const all = emulator.table("configurations").map((c) => c.id);
    const wanted = all.filter((_, i) => i % 3 === 0).slice(0, 900);
    const missing = [9_999_991, 9_999_992];
    const rows = await collectByIds<{ id: number; name: string }>(
      cw,
      "/company/configurations",
      [...wanted, ...missing, wanted[0]!],
      { fields: ["id", "name"] },
    );
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...wanted].sort((a, b) => a - b));
    expect(rows.every((r) => Object.keys(r).sort().join() === "id,name")).toBe(true);
    const listUrls = urls.filter((u) => u.includes("/company/configurations?"));
    expect(listUrls.length).toBeGreaterThan(3);
    for (const url of listUrls) expect(url.length).toBeLessThan(2000);
    expect(batchIdConditions(wanted).length).toBe(listUrls.length);
  });
});

describe("conditions built with the builder round-trip through the emulator", () => {
  it("finds a hostile company name by eq and nothing else", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, fast);
    const hostile = 'A "quoted" \\ name and (x) or 1=1';
    const created = await cw.companies.create({ identifier: "Hostile1", name: hostile, city: "X" });
    await cw.companies.create({ identifier: "Hostile2", name: 'A "quoted"', city: "X" });
    expect(created.name).toBe(hostile);
    const found = await cw.companies.all({ conditions: eq("name", hostile) });
    expect(found.map((c) => c.id)).toEqual([created.id]);
    const printed = where(eq("name", hostile));
    expect(printed).toContain('\\"quoted\\"');
    const sent = apiRequests(emulator).at(-1)!;
    expect(sent.query["conditions"]).toBe(printed);
    expect(sent.rows).toBe(1);
  });

  it("wildcard characters in eq values match literally", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, fast);
    const star = await cw.companies.create({ identifier: "Star1", name: "Acme*", city: "X" });
    const found = await cw.companies.all({ conditions: eq("name", "Acme*") });
    expect(found.map((c) => c.id)).toEqual([star.id]);
  });

  it("any name (random unicode, quotes, backslashes, operators) is found by eq exactly", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, fast);
    const piece = fc.oneof(
      fc.string({ unit: "binary", minLength: 1, maxLength: 6 }),
      fc.constantFrom('"', "\\", "'", " and ", " or ", "(", ")", "*", "%", "=", "[", "]", "1=1"),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(piece, { minLength: 1, maxLength: 6 })
          .map((parts) => [...parts.join("")].slice(0, 20).join("")),
        async (name) => {
          fc.pre(name.trim() !== "");
          n += 1;
          const created = await cw.companies.create({ identifier: `Prop${n}`, name, city: "X" });
          const found = await cw.companies.all({ conditions: eq("name", created.name ?? "") });
          expect(found.map((c) => c.id)).toContain(created.id);
          // ConnectWise compares text case-insensitively.
          const same = (c: { name?: string | undefined }) =>
            c.name?.toLowerCase() === name.toLowerCase();
          expect(found.every(same)).toBe(true);
        },
      ),
      { numRuns: 150, seed: 4242 },
    );
  });
});
