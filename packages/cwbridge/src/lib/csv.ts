/**
 * A small RFC 4180 CSV reader: comma-separated, `"`-quoted fields (with `""` for a quote),
 * commas and line breaks inside quotes, CRLF or LF line ends, an optional BOM. Rows are
 * yielded one at a time (a generator over the text), so callers can stream.
 */

/** A CSV syntax error with its 1-based line. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

interface Cursor {
  pos: number;
  line: number;
}

function readQuoted(text: string, cur: Cursor): string {
  const startLine = cur.line;
  cur.pos++; // opening quote
  let value = "";
  for (;;) {
    const next = text.indexOf('"', cur.pos);
    if (next === -1) throw new CsvSyntaxError("unterminated quoted field", startLine);
    const chunk = text.slice(cur.pos, next);
    cur.line += countNewlines(chunk);
    value += chunk;
    if (text[next + 1] === '"') {
      value += '"';
      cur.pos = next + 2;
      continue;
    }
    cur.pos = next + 1;
    const after = text[cur.pos];
    if (after !== undefined && after !== "," && after !== "\n" && after !== "\r") {
      throw new CsvSyntaxError("unexpected character after a closing quote", cur.line);
    }
    return value;
  }
}

function countNewlines(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) n++;
  return n;
}

function readPlain(text: string, cur: Cursor): string {
  let end = cur.pos;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 44 || c === 10 || c === 13) break; // , \n \r
    if (c === 34) throw new CsvSyntaxError("a quote inside an unquoted field", cur.line);
    end++;
  }
  const value = text.slice(cur.pos, end);
  cur.pos = end;
  return value;
}

/** Consumes a line end at the cursor; returns false at a comma. */
function endOfRecord(text: string, cur: Cursor): boolean {
  const c = text[cur.pos];
  if (c === ",") {
    cur.pos++;
    return false;
  }
  if (c === "\r") cur.pos += text[cur.pos + 1] === "\n" ? 2 : 1;
  else if (c === "\n") cur.pos++;
  cur.line++;
  return true;
}

/**
 * The records of a CSV text, one array of fields per row (blank lines are skipped).
 * `firstLine` numbers the lines when the text is a part of a larger file (for errors); a BOM
 * is dropped only at the start of the file (`firstLine` 1), never from a later part.
 *
 * @example
 * [...readCsv('a,b\n"x, ""y""",2\n')] // [["a","b"], ['x, "y"', "2"]]
 */
export function* readCsv(input: string, firstLine = 1): Generator<string[], void, undefined> {
  const text = firstLine === 1 && input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const cur: Cursor = { pos: 0, line: firstLine };
  while (cur.pos < text.length) {
    const c = text[cur.pos];
    if (c === "\n" || c === "\r") {
      endOfRecord(text, cur); // blank line
      continue;
    }
    const row: string[] = [];
    for (;;) {
      row.push(text[cur.pos] === '"' ? readQuoted(text, cur) : readPlain(text, cur));
      if (cur.pos >= text.length || endOfRecord(text, cur)) break;
    }
    yield row;
  }
}
