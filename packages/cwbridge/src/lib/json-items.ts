/**
 * An incremental splitter for a JSON document that is an array (`[a, b, …]`) or an object with
 * an array under one key (`{ "devices": [a, b, …], … }`): text is pushed in chunks of any size
 * and each array item comes out parsed (`JSON.parse` of its own text), so only one item is
 * held at a time. Structure between items is checked here; item text is checked by `JSON.parse`.
 */

/** Most characters in one item (or one other value of the wrapping object). */
export const MAX_ITEM_CHARS = 1 << 20;

/** A malformed document (`shape`: valid JSON so far, but not an array or `{ key: [...] }`). */
export class JsonItemsError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly shape = false,
  ) {
    super(shape ? message : `line ${line}: ${message}`);
    this.name = "JsonItemsError";
  }
}

type Mode =
  | "start"
  | "obj-first"
  | "obj-key"
  | "obj-colon"
  | "obj-value"
  | "obj-after"
  | "arr-first"
  | "arr-value"
  | "arr-after"
  | "value"
  | "done";

const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Push text with `push` (returns the items completed by it), then call `end`.
 *
 * @example
 * const s = new JsonItemSplitter("devices");
 * s.push('{"devices":[{"a":1},'); // [{ a: 1 }]
 * s.push("2]}"); s.end();         // [2]
 */
export class JsonItemSplitter {
  private mode: Mode = "start";
  private line = 1;
  private items = 0;
  /** The array key was seen: the document is an object, and any array in it is the key's. */
  private sawKey = false;
  private key = "";
  private after: "item" | "key" | "skip" = "item";
  private parts: string[] = [];
  private size = 0;
  private kind: "nested" | "primitive" = "nested";
  private depth = 0;
  private inString = false;
  private escaped = false;
  private valueLine = 1;

  constructor(private readonly arrayKey: string) {}

  push(chunk: string): unknown[] {
    const out: unknown[] = [];
    let i = this.mode === "start" && chunk.charCodeAt(0) === 0xfeff ? 1 : 0;
    while (i < chunk.length) {
      if (this.mode === "value") {
        i = this.scan(chunk, i, out);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 10) this.line++;
      if (!isWs(c)) this.structural(chunk[i] as string);
      if ((this.mode as Mode) !== "value") i++; // a value starting here is scanned from here
    }
    return out;
  }

  end(): void {
    if (this.mode !== "done") this.fail("unexpected end of input");
  }

  private fail(message: string): never {
    throw new JsonItemsError(message, this.line);
  }

  private wrongShape(): never {
    const key = this.arrayKey;
    throw new JsonItemsError(
      `JSON must be an array of ${key} or { "${key}": [...] }`,
      this.line,
      true,
    );
  }

  private structural(ch: string): void {
    const m = this.mode;
    if (m === "start") {
      if (ch === "[") this.mode = "arr-first";
      else if (ch === "{") this.mode = "obj-first";
      else this.wrongShape();
    } else if ((m === "obj-first" || m === "obj-key") && ch === '"') this.begin(ch, "key");
    else if ((m === "obj-first" || m === "obj-after") && ch === "}") {
      if (!this.sawKey) this.wrongShape();
      this.mode = "done";
    } else if (m === "obj-colon" && ch === ":") this.mode = "obj-value";
    else if (m === "obj-value" && this.key === this.arrayKey) {
      if (this.sawKey) this.fail(`"${this.arrayKey}" is given twice`);
      if (ch !== "[") this.wrongShape();
      this.sawKey = true;
      this.mode = "arr-first";
    } else if (m === "obj-value") this.begin(ch, "skip");
    else if (m === "obj-after" && ch === ",") this.mode = "obj-key";
    else if ((m === "arr-first" || m === "arr-after") && ch === "]") {
      this.mode = this.sawKey ? "obj-after" : "done";
    } else if (m === "arr-first" || m === "arr-value") this.begin(ch, "item");
    else if (m === "arr-after" && ch === ",") this.mode = "arr-value";
    else this.fail(m === "done" ? "unexpected text after the end" : `unexpected "${ch}"`);
  }

  private begin(ch: string, after: "item" | "key" | "skip"): void {
    if ("]},:".includes(ch)) this.fail(`unexpected "${ch}"`);
    this.after = after;
    this.kind = ch === "{" || ch === "[" || ch === '"' ? "nested" : "primitive";
    this.parts = [];
    this.size = 0;
    this.valueLine = this.line;
    this.mode = "value";
  }

  /** Scans the current value from `start`; returns where to continue. */
  private scan(chunk: string, start: number, out: unknown[]): number {
    let i = start;
    let complete = false;
    for (; i < chunk.length && !complete; i++) {
      const c = chunk.charCodeAt(i);
      if (this.kind === "primitive") {
        complete = isWs(c) || c === 44 || c === 93 || c === 125 || c === 58; // , ] } :
        if (complete) i--; // the delimiter is not part of the value
        continue;
      }
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92)
          this.escaped = true; // \
        else if (c === 34) this.inString = false; // "
      } else if (c === 34) this.inString = true;
      else if (c === 123 || c === 91)
        this.depth++; // { [
      else if (c === 125 || c === 93) this.depth--; // } ]
      complete = this.depth === 0 && !this.inString;
    }
    this.size += i - start;
    if (this.size > MAX_ITEM_CHARS) {
      this.line = this.valueLine;
      this.fail(`a value longer than ${MAX_ITEM_CHARS} characters`);
    }
    this.parts.push(chunk.slice(start, i));
    if (complete) this.finish(out);
    return i;
  }

  private finish(out: unknown[]): void {
    const text = this.parts.join("");
    this.parts = [];
    this.mode =
      this.after === "key" ? "obj-colon" : this.after === "item" ? "arr-after" : "obj-after";
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const what = this.after === "item" ? `item ${this.items + 1}` : "a value";
      this.line = this.valueLine;
      this.fail(`${what} is not valid JSON: ${(error as Error).message}`);
    }
    if (this.after === "item") {
      this.items++;
      out.push(value);
    } else if (this.after === "key") this.key = value as string;
  }
}
