import { describe, expect, it } from "vitest";
import { readCsv } from "./csv.js";
import { csvField, csvRecord } from "./csv-write.js";

describe("csvRecord", () => {
  it("quotes commas, quotes, line breaks and edge spaces, and reads back the same", () => {
    const values = ["plain", "a,b", 'say "hi"', "two\nlines", " pad ", "", "ü€", "O'Brien & Sons"];
    const text = csvRecord(values);
    expect(text).toBe('plain,"a,b","say ""hi""","two\nlines"," pad ",,ü€,O\'Brien & Sons\r\n');
    expect([...readCsv(text)]).toEqual([values]);
  });

  it("writes numbers, booleans, null and objects", () => {
    expect(csvRecord([-5, 1.5, true, null, undefined, { a: 1 }])).toBe(
      '-5,1.5,true,,,"{""a"":1}"\r\n',
    );
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    for (const text of ["=1+1", "+A1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvField(text).replace(/^"/, "")[0]).toBe("'");
    }
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField("a=b")).toBe("a=b");
  });

  it("keeps signed numbers and phone numbers as they are", () => {
    expect(csvField("+1 555-0100")).toBe("+1 555-0100");
    expect(csvField("-42")).toBe("-42");
    expect(csvField("+1 (555) 010.0")).toBe("+1 (555) 010.0");
  });
});
