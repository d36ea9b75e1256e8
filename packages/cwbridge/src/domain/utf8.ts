/**
 * Strict UTF-8 decoding of input bytes: invalid bytes are an error naming their 1-based line
 * (never replaced by U+FFFD, which would store text the source never sent). The streaming
 * decoder takes chunks of any size: a character split across two chunks is fine.
 */

/** Bytes that are not UTF-8, at `line` (1 + the line feeds before the first bad byte). */
export class Utf8Error extends Error {
  constructor(readonly line: number) {
    super(`line ${line}: not valid UTF-8 text`);
    this.name = "Utf8Error";
  }
}

const LF = 0x0a;

function countLineFeeds(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

/** Length of a sequence led by `lead` (0 for a continuation or invalid lead byte). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Where the last (possibly incomplete) character of `bytes` starts when it is cut short. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back] as number;
    if ((b & 0xc0) !== 0x80) {
      return sequenceLength(b) > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/** The first line of `bytes` that does not decode (they hold an invalid sequence). */
function badLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let line = 1; ; line++) {
    const lf = bytes.indexOf(LF, start);
    const end = lf === -1 ? bytes.length : lf;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    if (lf === -1) return line;
    start = lf + 1;
  }
}

/**
 * Decodes chunks of UTF-8 one by one: `push` each chunk (returns its complete text), then
 * `end`; both throw {@link Utf8Error} at the first invalid byte. A byte-order mark is kept (the
 * format readers drop it).
 *
 * @example
 * const d = new Utf8StreamDecoder();
 * d.push(Uint8Array.of(0x68, 0xc3)); // "h"
 * d.push(Uint8Array.of(0xa9)); d.end(); // "é", ""
 */
export class Utf8StreamDecoder {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private carry: Uint8Array = new Uint8Array(0);
  private lines = 0;

  push(chunk: Uint8Array): string {
    const bytes = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const cut = incompleteTail(bytes);
    this.carry = bytes.slice(cut);
    return this.decode(bytes.subarray(0, cut));
  }

  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return this.decode(rest);
  }

  private decode(bytes: Uint8Array): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      throw new Utf8Error(this.lines + badLine(bytes));
    }
    this.lines += countLineFeeds(bytes);
    return text;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The text of UTF-8 bytes; throws {@link Utf8Error} naming the line of the first invalid byte.
 *
 * @example
 * decodeUtf8(Buffer.from("a\n\xff", "latin1")) // throws Utf8Error (line 2)
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const decoder = new Utf8StreamDecoder();
  return decoder.push(bytes) + decoder.end();
}
