import { describe, expect, it } from "vitest";
import { readCsv } from "./csv.js";
import { csvField, csvRecord } from "./csv-write.js";

describe("csvRecord", () => {
  it("quotes commas, quotes, line breaks and edge spaces, and reads back the same", () => {
    const values = ["plain", "a,b", 'say "hi"', "two\nlines", " pad ", "", "ü€"];
    const text = csvRecord(values);
    expect(text).toBe('plain,"a,b","say ""hi""","two\nlines"," pad ",,ü€\r\n');
    expect([...readCsv(text)]).toEqual([values]);
  });

  it("writes numbers, booleans, null and objects", () => {
    expect(csvRecord([-5, 1.5, true, null, undefined, { a: 1 }])).toBe(
      '-5,1.5,true,,,"{""a"":1}"\r\n',
    );
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    for (const text of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvField(text).replace(/^"/, "")[0]).toBe("'");
    }
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField("a=b")).toBe("a=b");
  });
});
