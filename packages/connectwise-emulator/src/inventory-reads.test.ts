/**
 * What a user-inventory client relies on (issue #9): members and contacts carry
 * `_info/lastUpdated`, a write moves it, conditions on it (with `company/id in (…)`) select
 * exactly the changed rows, `fields` trims communication items, forward-only paging walks
 * contacts in id order, and `/count` takes the same conditions.
 */
import { describe, expect, it } from "vitest";
import { createEmulator } from "./create-emulator.js";
import { DEMO_KEYS } from "./seeds/index.js";

type Row = Record<string, unknown>;

function setUp() {
  let now = new Date("2026-01-01T00:00:00Z");
  const emulator = createEmulator({ seed: "demo", clock: { now: () => now } });
  const c = emulator.credentials;
  const auth = `Basic ${btoa(`${c.companyId}+${DEMO_KEYS.admin.publicKey}:${DEMO_KEYS.admin.privateKey}`)}`;
  const call = async (method: string, path: string, body?: unknown, headers = {}) => {
    const response = await emulator.fetch(`http://cw.emulator/${c.codebase}apis/3.0${path}`, {
      method,
      headers: {
        authorization: auth,
        clientId: c.clientId,
        "content-type": "application/json",
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === "" ? null : (JSON.parse(text) as unknown),
      headers: response.headers,
    };
  };
  return { emulator, call, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

const q = (text: string) => encodeURIComponent(text);

describe("inventory reads", () => {
  it("a write moves _info/lastUpdated and a changed-since query returns only that row", async () => {
    const { emulator, call, advance } = setUp();
    const contacts = emulator.table("contacts");
    const companyIds = [...new Set(contacts.map((r) => (r["company"] as { id: number }).id))].slice(
      0,
      3,
    );
    const inBatch = `company/id in (${companyIds.join(", ")})`;
    const all = await call("GET", `/company/contacts?conditions=${q(inBatch)}&pageSize=1000`);
    const rows = all.body as Row[];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => typeof (r["_info"] as Row)["lastUpdated"] === "string")).toBe(true);

    advance(3_600_000);
    const target = rows[1]?.["id"] as number;
    const patched = await call("PATCH", `/company/contacts/${target}`, [
      { op: "replace", path: "inactiveFlag", value: true },
    ]);
    expect(patched.status).toBe(200);
    expect(((patched.body as Row)["_info"] as Row)["lastUpdated"]).toBe("2026-01-01T01:00:00Z");

    const since = `${inBatch} and _info/lastUpdated >= [2026-01-01T00:30:00Z]`;
    const fields =
      "id,inactiveFlag,communicationItems/value,communicationItems/communicationType,_info/lastUpdated";
    const changed = await call("GET", `/company/contacts?conditions=${q(since)}&fields=${fields}`);
    expect(changed.body).toEqual([
      {
        id: target,
        inactiveFlag: true,
        communicationItems: expect.arrayContaining([
          { value: expect.stringContaining("@"), communicationType: "Email" },
        ]),
        _info: { lastUpdated: "2026-01-01T01:00:00Z" },
      },
    ]);
    const count = await call("GET", `/company/contacts/count?conditions=${q(inBatch)}`);
    expect(count.body).toEqual({ count: rows.length });
    expect((await call("DELETE", `/company/contacts/${target}`)).status).toBe(204);
    const after = await call("GET", `/company/contacts/count?conditions=${q(inBatch)}`);
    expect(after.body).toEqual({ count: rows.length - 1 });
  });

  it("members: lastUpdated conditions, inactiveFlag, forward-only paging in id order", async () => {
    const { call, advance } = setUp();
    advance(60_000);
    const members = (await call("GET", "/system/members?pageSize=1000")).body as Row[];
    expect(members.find((m) => m["identifier"] === "tformer")?.["inactiveFlag"]).toBe(true);
    const first = members[0]?.["id"] as number;
    await call("PATCH", `/system/members/${first}`, [
      { op: "replace", path: "title", value: "Boss" },
    ]);
    const changed = await call(
      "GET",
      `/system/members?conditions=${q("lastUpdated >= [2026-01-01T00:01:00Z]")}&fields=id,title`,
    );
    expect(changed.body).toEqual([{ id: first, title: "Boss" }]);
    const page = await call("GET", "/company/contacts?pageSize=2", undefined, {
      "pagination-type": "forward-only",
    });
    const ids = (page.body as Row[]).map((r) => r["id"] as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(page.headers.get("link")).toContain("pageId=");
  });
});
