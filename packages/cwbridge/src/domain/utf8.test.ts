import { describe, expect, it } from "vitest";
import { decodeUtf8, Utf8Error, Utf8StreamDecoder } from "./utf8.js";

/** Decodes `bytes` pushed `size` bytes at a time. */
function streamed(bytes: Uint8Array, size: number): string {
  const decoder = new Utf8StreamDecoder();
  let text = "";
  for (let i = 0; i < bytes.length; i += size) text += decoder.push(bytes.subarray(i, i + size));
  return text + decoder.end();
}

const lineOf = (run: () => unknown): number | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof Utf8Error) return error.line;
    throw error;
  }
  return undefined;
};

describe("strict UTF-8 decoding", () => {
  const text = "\ufeffa,b\r\né€🚀\n\nxyz";
  const bytes = Buffer.from(text);

  it("decodes text split anywhere, inside characters too (a BOM is kept)", () => {
    for (let size = 1; size <= bytes.length; size++) expect(streamed(bytes, size)).toBe(text);
    expect(decodeUtf8(bytes)).toBe(text);
  });

  it.each([
    ["a stray continuation byte", [0x80], 4],
    ["an invalid byte", [0xff], 4],
    ["a lead byte without its continuation", [0xc3, 0x28], 4],
    ["an overlong encoding", [0xc0, 0xaf], 4],
    ["an encoded surrogate", [0xed, 0xa0, 0x80], 4],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 4],
  ])("refuses %s, naming its line, whatever the chunks", (_, bad, line) => {
    const input = Buffer.concat([Buffer.from("é\r\n2\n\n"), Buffer.from(bad), Buffer.from("x\ny")]);
    for (let size = 1; size <= input.length; size++) {
      expect(lineOf(() => streamed(input, size))).toBe(line);
    }
    expect(lineOf(() => decodeUtf8(input))).toBe(line);
  });

  it("refuses a character cut short at the end", () => {
    expect(lineOf(() => decodeUtf8(Buffer.from([0x61, 0x0a, 0xe2, 0x82])))).toBe(2);
    expect(new Utf8Error(2).message).toBe("line 2: not valid UTF-8 text");
  });
});
