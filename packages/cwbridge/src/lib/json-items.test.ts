import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonItemsError, JsonItemSplitter, MAX_ITEM_CHARS } from "./json-items.js";

/** Splits `text` at `cuts` (positions anywhere, even inside a surrogate pair) and runs it. */
function split(text: string, cuts: readonly number[] = []): unknown[] {
  const splitter = new JsonItemSplitter("devices");
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: unknown[] = [];
  let from = 0;
  for (const to of [...at, text.length]) {
    out.push(...splitter.push(text.slice(from, to)));
    from = to;
  }
  splitter.end();
  return out;
}

/** Strings full of the characters the splitter must not be fooled by. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom("[", "]", "{", "}", '"', "\\", ",", ":", " ", "\n", "é", "😀", "\u2028"),
    fc.string({ unit: "grapheme", maxLength: 1 }),
  ),
  maxLength: 12,
});
const value = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: "small" },
    tricky,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("json"), { maxLength: 4 }),
    fc.dictionary(tricky, tie("json"), { maxKeys: 4 }),
  ),
})).json;
const items = fc.array(fc.oneof(fc.dictionary(tricky, value, { maxKeys: 5 }), value), {
  maxLength: 8,
});
const indent = fc.constantFrom(undefined, 0, 1, 2, "\t", " \r\n ");
const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe("JsonItemSplitter", () => {
  it("yields what JSON.parse yields, for arrays cut anywhere", () => {
    fc.assert(
      fc.property(items, indent, cuts, (array, space, at) => {
        const text = JSON.stringify(array, null, space);
        expect(split(text, at)).toEqual(JSON.parse(text));
      }),
      { numRuns: 400 },
    );
  });

  it('yields the array of { "devices": [...] }, among other keys, cut anywhere', () => {
    fc.assert(
      fc.property(items, value, value, indent, cuts, (array, before, after, space, at) => {
        const text = JSON.stringify({ a: before, devices: array, z: after }, null, space);
        expect(split(text, at)).toEqual((JSON.parse(text) as { devices: unknown }).devices);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with JSON.parse on a one-character corruption: throws or yields the same", () => {
    const noise = fc.constantFrom("[", "]", "{", "}", '"', "\\", ",", ":", " ", "x", "1", "-");
    fc.assert(
      fc.property(items, indent, fc.nat(), noise, cuts, (array, space, pos, ch, at) => {
        const valid = JSON.stringify(array, null, space);
        const p = pos % valid.length;
        const text = valid.slice(0, p) + ch + valid.slice(p + 1);
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          expect(() => split(text, at)).toThrow(JsonItemsError);
          return;
        }
        if (Array.isArray(expected)) expect(split(text, at)).toEqual(expected);
        else expect(() => split(text, at)).toThrow(JsonItemsError);
      }),
      { numRuns: 1000 },
    );
  });

  it("throws on every strict prefix of a document", () => {
    fc.assert(
      fc.property(items, fc.nat(), (array, n) => {
        const text = JSON.stringify({ devices: array });
        const prefix = text.slice(0, n % text.length);
        expect(() => split(prefix)).toThrow(JsonItemsError);
      }),
    );
  });

  it("accepts a BOM and surrounding whitespace", () => {
    expect(split('\uFEFF \n[ {"a":1} , 2 ]\n ')).toEqual([{ a: 1 }, 2]);
    expect(split("[]")).toEqual([]);
    expect(split('{"devices":[]}')).toEqual([]);
  });

  it("reports malformed documents with their line, and wrong shapes as such", () => {
    const error = (text: string) => {
      try {
        split(text);
      } catch (e) {
        return e as JsonItemsError;
      }
      throw new Error(`no error for ${text}`);
    };
    expect(error('[\n{"a":1},\n{"a":}\n]')).toMatchObject({ line: 3, shape: false });
    expect(error('[\n{"a":1},\n{"a":}\n]').message).toMatch(/^line 3: item 2 is not valid JSON/);
    expect(error("[1,]").message).toMatch(/unexpected "]"/);
    expect(error("[1 2]").message).toMatch(/unexpected "2"/);
    expect(error("[1] x").message).toMatch(/after the end/);
    expect(error("").message).toMatch(/unexpected end of input/);
    expect(error('{"devices":[1]').message).toMatch(/unexpected end of input/);
    expect(error('{"devices":[],"devices":[]}').message).toMatch(/given twice/);
    for (const shape of ["{}", '{"items":[]}', '{"devices":{}}', '"x"', "3", "null"]) {
      expect(error(shape)).toMatchObject({ shape: true });
    }
  });

  it("refuses an item longer than the limit instead of buffering it", () => {
    const splitter = new JsonItemSplitter("devices");
    splitter.push('[{"notes":"');
    const chunk = "x".repeat(1 << 16);
    expect(() => {
      for (let i = 0; i <= MAX_ITEM_CHARS / chunk.length; i++) splitter.push(chunk);
    }).toThrow(/longer than/);
  });
});
