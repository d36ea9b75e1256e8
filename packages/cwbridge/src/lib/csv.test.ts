import { describe, expect, it } from "vitest";
import { CsvSyntaxError, readCsv } from "./csv.js";

const rows = (text: string) => [...readCsv(text)];

describe("readCsv", () => {
  it("reads plain and quoted fields with commas, quotes and line breaks", () => {
    expect(rows('a,b,c\n1,"x, ""y""","multi\nline"\n')).toEqual([
      ["a", "b", "c"],
      ["1", 'x, "y"', "multi\nline"],
    ]);
  });

  it("accepts CRLF, a BOM, empty fields, blank lines and a missing final newline", () => {
    expect(rows("\uFEFFa,b\r\n\r\n,2\r\n3,")).toEqual([
      ["a", "b"],
      ["", "2"],
      ["3", ""],
    ]);
  });

  it("drops a BOM only at the start of the file, not from a later part read on its own", () => {
    expect([...readCsv("\uFEFFx,y\n", 7)]).toEqual([["\uFEFFx", "y"]]);
    expect([...readCsv("\uFEFFx,y\n", 1)]).toEqual([["x", "y"]]);
  });

  it("rejects an unterminated quote, a stray quote and text after a closing quote", () => {
    expect(() => rows('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => rows('a\nx"y')).toThrow(/quote inside an unquoted field/);
    expect(() => rows('a\n"x"y')).toThrow(/after a closing quote/);
  });

  it("reports the line of a syntax error", () => {
    try {
      rows('a\nb\n"c\nd');
      expect.unreachable();
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });
});
