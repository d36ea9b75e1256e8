/**
 * The tokenizer of the conditions grammar. Linear, non-recursive, and total: it returns
 * tokens or throws `ConditionsSyntaxError`.
 */
import { ConditionsSyntaxError } from "./errors.js";
import { isValidDateText } from "./syntax.js";

export type Token =
  | { readonly type: "word"; readonly text: string; readonly pos: number }
  | { readonly type: "op"; readonly text: string; readonly pos: number }
  | { readonly type: "string"; readonly value: string; readonly pos: number }
  | { readonly type: "number"; readonly value: number; readonly pos: number }
  | { readonly type: "date"; readonly value: string; readonly pos: number }
  | { readonly type: "(" | ")" | "," | "end"; readonly pos: number };

interface Scan {
  readonly token: Token;
  readonly end: number;
}

const SYMBOL_OPERATORS: ReadonlySet<string> = new Set(["=", "!=", "<", "<=", ">", ">="]);
const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const OPERATOR_CHAR = /[<>=!]/;
const SPACE = /\s/;

/**
 * Splits conditions text into tokens; the last token is always `end`.
 *
 * @throws {ConditionsSyntaxError} on an unexpected character or a malformed literal.
 * @example
 * tokenize("id = 1").map((t) => t.type); // => ["word", "op", "number", "end"]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (SPACE.test(text.charAt(pos))) {
      pos += 1;
      continue;
    }
    const scan = scanToken(text, pos);
    tokens.push(scan.token);
    pos = scan.end;
  }
  tokens.push({ type: "end", pos: text.length });
  return tokens;
}

function scanToken(text: string, pos: number): Scan {
  const char = text.charAt(pos);
  if (char === "(" || char === ")" || char === ",")
    return { token: { type: char, pos }, end: pos + 1 };
  if (char === '"' || char === "'") return scanString(text, pos);
  if (char === "[") return scanDate(text, pos);
  if (char === "-" || DIGIT.test(char)) return scanNumber(text, pos);
  if (WORD_START.test(char)) return scanWord(text, pos);
  if (OPERATOR_CHAR.test(char)) return scanOperator(text, pos);
  const shown = JSON.stringify(String.fromCodePoint(text.codePointAt(pos) ?? 0));
  throw new ConditionsSyntaxError(`unexpected character ${shown}`, pos);
}

function scanWhile(text: string, pos: number, pattern: RegExp): number {
  let end = pos;
  while (end < text.length && pattern.test(text.charAt(end))) end += 1;
  return end;
}

function scanWord(text: string, pos: number): Scan {
  let end = scanWhile(text, pos + 1, WORD_PART);
  while (text.charAt(end) === "/") {
    if (!WORD_START.test(text.charAt(end + 1))) {
      throw new ConditionsSyntaxError(`expected a field name segment after "/"`, end + 1);
    }
    end = scanWhile(text, end + 2, WORD_PART);
  }
  return { token: { type: "word", text: text.slice(pos, end), pos }, end };
}

function scanOperator(text: string, pos: number): Scan {
  const end = scanWhile(text, pos, OPERATOR_CHAR);
  const op = text.slice(pos, end);
  if (!SYMBOL_OPERATORS.has(op)) {
    const hint = op === "<>" ? ' (use "!=")' : op === "==" ? ' (use "=")' : "";
    throw new ConditionsSyntaxError(
      `unknown operator "${op}"${hint}; expected one of =, !=, <, <=, >, >=, like, contains, in`,
      pos,
    );
  }
  return { token: { type: "op", text: op, pos }, end };
}

function scanNumber(text: string, pos: number): Scan {
  const digitsStart = text.charAt(pos) === "-" ? pos + 1 : pos;
  let end = scanWhile(text, digitsStart, DIGIT);
  if (end === digitsStart) throw new ConditionsSyntaxError(`expected a digit after "-"`, end);
  if (text.charAt(end) === ".") {
    const fractionEnd = scanWhile(text, end + 1, DIGIT);
    if (fractionEnd === end + 1)
      throw new ConditionsSyntaxError(`expected a digit after "."`, end + 1);
    end = fractionEnd;
  }
  const value = Number(text.slice(pos, end));
  if (!Number.isFinite(value)) throw new ConditionsSyntaxError("number out of range", pos);
  // `+ 0` turns -0 into 0: the grammar has no negative zero.
  return { token: { type: "number", value: value + 0, pos }, end };
}

function scanString(text: string, pos: number): Scan {
  const quote = text.charAt(pos);
  let value = "";
  let index = pos + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === quote) return { token: { type: "string", value, pos }, end: index + 1 };
    if (char === "\\") {
      if (index + 1 >= text.length) break;
      value += text.charAt(index + 1);
      index += 2;
      continue;
    }
    value += char;
    index += 1;
  }
  throw new ConditionsSyntaxError(`unterminated string: expected a closing ${quote}`, pos);
}

function scanDate(text: string, pos: number): Scan {
  const close = text.indexOf("]", pos + 1);
  if (close < 0) throw new ConditionsSyntaxError(`unterminated date: expected "]"`, pos);
  const value = text.slice(pos + 1, close);
  if (!isValidDateText(value)) {
    throw new ConditionsSyntaxError(
      "invalid date literal: expected ISO-8601 text such as [2025-01-31T00:00:00Z]",
      pos,
    );
  }
  return { token: { type: "date", value, pos }, end: close + 1 };
}
