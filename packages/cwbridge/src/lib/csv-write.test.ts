import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv-write.js";
import { readCsv } from "./csv.js";

describe("csv writing", () => {
  it("quotes commas, quotes and line breaks, and reads back the same", () => {
    const values = ['a "b", c', "line\nbreak", "plain", "", "O'Brien & Sons"];
    const text = csvLine(values);
    expect(text).toBe('"a ""b"", c","line\nbreak",plain,,O\'Brien & Sons\r\n');
    expect([...readCsv(text)]).toEqual([values]);
  });

  it("neutralises spreadsheet formulas but keeps phone numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField("+1 555-0100")).toBe("+1 555-0100");
    expect(csvField("-42")).toBe("-42");
  });

  it("writes empty cells for null and undefined, text for numbers and booleans", () => {
    expect(csvLine([null, undefined, 7, true])).toBe(",,7,true\r\n");
  });
});
