import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPatch, isReplaceOnly, replaceOps, type PatchOperation } from "./patch.js";

type Row = Record<string, unknown>;

/** A minimal ConnectWise-like PATCH applier: top-level add/replace/remove. */
function applyPatch(target: Row, ops: readonly PatchOperation[]): Row {
  const result: Row = { ...target };
  for (const { op, path, value } of ops) {
    if (op === "remove") delete result[path];
    else result[path] = value;
  }
  return result;
}

const ticket = {
  id: 9001,
  summary: "Disk full",
  budgetHours: 2,
  closedFlag: false,
  status: { id: 5, name: "New", _info: { status_href: "https://x/5" } },
  company: { id: 250, identifier: "acme", name: "Acme" },
  customFields: [
    { id: 1, caption: "AssetTag", type: "Text", value: "A-1" },
    { id: 2, caption: "Rack", type: "Text", value: null },
  ],
  tags: ["a", "b"],
  _info: { lastUpdated: "2025-01-31T00:00:00Z" },
};

describe("diffPatch", () => {
  it("emits one replace per changed top-level field, references as {id}", () => {
    const after = {
      ...ticket,
      summary: "Disk full on C:",
      status: { id: 19 },
      company: { id: 250, name: "renamed in response only" },
      _info: { lastUpdated: "later" },
      id: 1,
    };
    expect(diffPatch(ticket, after)).toEqual([
      { op: "replace", path: "summary", value: "Disk full on C:" },
      { op: "replace", path: "status", value: { id: 19 } },
    ]);
  });

  it("returns no ops for equal objects and ignores absent keys", () => {
    expect(diffPatch(ticket, structuredClone(ticket))).toEqual([]);
    expect(diffPatch(ticket, { summary: "Disk full" })).toEqual([]);
  });

  it("sets new fields with replace and clears fields with replace null", () => {
    const before: Row = { summary: "x", initialDescription: "old", owner: { id: 3 } };
    expect(
      diffPatch(before, { resources: "jdoe", initialDescription: null, owner: undefined }),
    ).toEqual([
      { op: "replace", path: "resources", value: "jdoe" },
      { op: "replace", path: "initialDescription", value: null },
      { op: "replace", path: "owner", value: null },
    ]);
    expect(diffPatch({ a: null }, { a: undefined, b: null })).toEqual([]);
  });

  it("replaces customFields as the complete merged array when an entry changed", () => {
    const ops = diffPatch(ticket, { customFields: [{ id: 2, value: "R12" }] });
    expect(ops).toEqual([
      {
        op: "replace",
        path: "customFields",
        value: [
          { id: 1, caption: "AssetTag", type: "Text", value: "A-1" },
          { id: 2, caption: "Rack", type: "Text", value: "R12" },
        ],
      },
    ]);
    expect(diffPatch(ticket, { customFields: [{ id: 1, value: "A-1" }] })).toEqual([]);
  });

  it("compares arrays and nested values deeply, and honours ignore", () => {
    expect(diffPatch(ticket, { tags: ["a", "b"] })).toEqual([]);
    expect(diffPatch(ticket, { tags: ["b", "a"] })).toEqual([
      { op: "replace", path: "tags", value: ["b", "a"] },
    ]);
    expect(diffPatch(ticket, { summary: "y", budgetHours: 3 }, { ignore: ["summary"] })).toEqual([
      { op: "replace", path: "budgetHours", value: 3 },
    ]);
  });
});

describe("replaceOps and isReplaceOnly", () => {
  it("makes one replace per defined key, references reduced to {id}", () => {
    expect(
      replaceOps({
        summary: "x",
        status: { id: 19, name: "Closed" },
        skip: undefined,
        id: 4,
        owner: null,
      }),
    ).toEqual([
      { op: "replace", path: "summary", value: "x" },
      { op: "replace", path: "status", value: { id: 19 } },
      { op: "replace", path: "owner", value: null },
    ]);
    expect(replaceOps({ company: { identifier: "connectwise" } })).toEqual([
      { op: "replace", path: "company", value: { identifier: "connectwise" } },
    ]);
  });

  it("recognises replace-only (idempotent) patches", () => {
    expect(isReplaceOnly(replaceOps({ a: 1, b: 2 }))).toBe(true);
    expect(isReplaceOnly([])).toBe(true);
    expect(
      isReplaceOnly([
        { op: "replace", path: "a", value: 1 },
        { op: "remove", path: "b" },
      ]),
    ).toBe(false);
    expect(isReplaceOnly([{ op: "add", path: "a", value: 1 }])).toBe(false);
  });
});

const isRef = (value: unknown): value is { id: number } =>
  typeof value === "object" && value !== null && "id" in value && typeof value.id === "number";

describe("diffPatch property", () => {
  const primitive = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }).map((value) => value + 0), // JSON has no -0
    fc.boolean(),
    fc.constant(null),
  );
  const reference = fc.record({ id: fc.integer({ min: 1, max: 5 }), name: fc.string() });
  const fieldValue = fc.oneof(
    primitive,
    reference,
    fc.array(primitive, { maxLength: 3 }),
    fc.record({ x: primitive, y: fc.array(primitive, { maxLength: 2 }) }),
    fc.constant(undefined),
  );
  const customField = (id: number) =>
    fc.record({ id: fc.constant(id), caption: fc.string(), value: primitive });
  const customFields = fc.tuple(customField(1), customField(2), customField(3));
  const entity = fc.record(
    {
      id: fc.integer(),
      a: fieldValue,
      b: fieldValue,
      c: fieldValue,
      status: reference,
      customFields,
      _info: fc.dictionary(fc.string(), fc.string()),
    },
    { requiredKeys: ["id", "customFields"] },
  );

  it("applying diffPatch(before, after) to before gives after on the compared fields", () => {
    fc.assert(
      fc.property(entity, entity, (before, after) => {
        const ops = diffPatch(before, after);
        expect(isReplaceOnly(ops)).toBe(true);
        expect(ops.map((op) => op.path)).not.toContain("id");
        expect(ops.map((op) => op.path)).not.toContain("_info");
        const applied = applyPatch(before, ops);
        for (const [key, expected] of Object.entries(after)) {
          if (key === "id" || key === "_info") continue;
          const actual = applied[key];
          if (expected === null || expected === undefined) expect(actual ?? null).toBeNull();
          else if (isRef(expected)) expect(isRef(actual) && actual.id).toBe(expected.id);
          else expect(actual).toEqual(expected);
        }
        expect(diffPatch(applied, after)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
