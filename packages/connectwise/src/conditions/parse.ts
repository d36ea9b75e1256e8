/**
 * The conditions parser: ConnectWise `conditions` text → AST.
 *
 * Grammar (keywords case-insensitive, whitespace between any tokens):
 *
 * ```text
 * expr       := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | primary
 * primary    := "(" expr ")" | comparison
 * comparison := field op scalar | field ["not"] ("like" | "contains") scalar
 *             | field ["not"] "in" "(" scalar ("," scalar)* ")"
 * op         := "=" | "!=" | "<" | "<=" | ">" | ">="
 * scalar     := string | number | "true" | "false" | "null" | "[" date "]"
 * field      := segment ("/" segment)*      segment := [A-Za-z_][A-Za-z0-9_]*
 * ```
 *
 * Strings use `"` or `'`; a backslash makes the next character literal. Numbers are
 * `-?digits(.digits)?`. The parser is total: it returns an `Expr` or throws
 * `ConditionsSyntaxError`, and bounds input length and nesting so hostile input cannot make
 * it hang or overflow the stack.
 */
import type { Comparison, ComparisonOperator, Expr, Literal } from "./ast.js";
import { ConditionsSyntaxError } from "./errors.js";
import { tokenize, type Token } from "./lex.js";
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, RESERVED_WORDS } from "./syntax.js";

/** Limits of `parseConditions`. */
export interface ParseConditionsOptions {
  /** Maximum input length in characters; default 10,000. */
  readonly maxLength?: number;
  /** Maximum nesting of parentheses and `not`; default 64. */
  readonly maxDepth?: number;
}

interface State {
  readonly tokens: readonly Token[];
  index: number;
  depth: number;
  readonly maxDepth: number;
}

/**
 * Parses ConnectWise `conditions` text into an AST. `a and b and c` gives one `and` node with
 * three items; parentheses give nested nodes; a single comparison is returned bare.
 *
 * @throws {ConditionsSyntaxError} for anything that is not a valid expression.
 * @example
 * parseConditions('status/id in (1, 42) and summary not contains "low"');
 * // => { kind: "and", items: [{ kind: "cmp", field: "status/id", op: "in", ... }, ...] }
 */
export function parseConditions(text: string, options: ParseConditionsOptions = {}): Expr {
  if (typeof text !== "string") throw new ConditionsSyntaxError("expected conditions text", 0);
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    throw new ConditionsSyntaxError(`conditions longer than ${maxLength} characters`, maxLength);
  }
  const state: State = {
    tokens: tokenize(text),
    index: 0,
    depth: 0,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
  };
  const expr = parseOr(state);
  const rest = peek(state);
  if (rest.type !== "end") fail(rest, `"and", "or" or end of input`);
  return expr;
}

function peek(state: State): Token {
  const token = state.tokens[state.index];
  // tokenize() always ends with an `end` token and the parser never moves past it.
  return token ?? { type: "end", pos: 0 };
}

function next(state: State): Token {
  const token = peek(state);
  if (token.type !== "end") state.index += 1;
  return token;
}

function isKeyword(token: Token, word: string): boolean {
  return token.type === "word" && token.text.toLowerCase() === word;
}

function describe(token: Token): string {
  switch (token.type) {
    case "end":
      return "end of input";
    case "word":
    case "op":
      return `"${token.text}"`;
    case "string":
    case "number":
    case "date":
      return `a ${token.type}`;
    case "(":
    case ")":
    case ",":
      return `"${token.type}"`;
  }
}

function fail(token: Token, expected: string): never {
  throw new ConditionsSyntaxError(`expected ${expected}, found ${describe(token)}`, token.pos);
}

function enter(state: State, token: Token): void {
  state.depth += 1;
  if (state.depth > state.maxDepth) {
    throw new ConditionsSyntaxError(
      `conditions nested deeper than ${state.maxDepth} levels`,
      token.pos,
    );
  }
}

function parseOr(state: State): Expr {
  const items = [parseAnd(state)];
  while (isKeyword(peek(state), "or")) {
    next(state);
    items.push(parseAnd(state));
  }
  return items.length === 1 && items[0] !== undefined ? items[0] : { kind: "or", items };
}

function parseAnd(state: State): Expr {
  const items = [parseUnary(state)];
  while (isKeyword(peek(state), "and")) {
    next(state);
    items.push(parseUnary(state));
  }
  return items.length === 1 && items[0] !== undefined ? items[0] : { kind: "and", items };
}

function parseUnary(state: State): Expr {
  const token = peek(state);
  if (!isKeyword(token, "not")) return parsePrimary(state);
  next(state);
  // `not (...)` counts as one level: the group below enters it.
  const counts = peek(state).type !== "(";
  if (counts) enter(state, token);
  const expr = parseUnary(state);
  if (counts) state.depth -= 1;
  return { kind: "not", expr };
}

function parsePrimary(state: State): Expr {
  const token = peek(state);
  if (token.type !== "(") return parseComparison(state);
  enter(state, token);
  next(state);
  const expr = parseOr(state);
  const close = next(state);
  if (close.type !== ")") fail(close, `"and", "or" or ")"`);
  state.depth -= 1;
  return expr;
}

function parseComparison(state: State): Comparison {
  const fieldToken = next(state);
  if (fieldToken.type !== "word" || RESERVED_WORDS.has(fieldToken.text.toLowerCase())) {
    return fail(fieldToken, `a field name, "not" or "("`);
  }
  const negated = isKeyword(peek(state), "not");
  if (negated) next(state);
  const op = parseOperator(state, negated);
  const value = op === "in" ? parseList(state) : parseScalar(state);
  return negated
    ? { kind: "cmp", field: fieldToken.text, op, not: true, value }
    : { kind: "cmp", field: fieldToken.text, op, value };
}

const WORD_OPERATORS: ReadonlySet<string> = new Set(["like", "contains", "in"]);

function parseOperator(state: State, negated: boolean): ComparisonOperator {
  const token = next(state);
  if (token.type === "word" && WORD_OPERATORS.has(token.text.toLowerCase())) {
    return token.text.toLowerCase() as ComparisonOperator;
  }
  if (negated) return fail(token, `"like", "contains" or "in" after "not"`);
  if (token.type === "op") return token.text as ComparisonOperator;
  return fail(token, "an operator (=, !=, <, <=, >, >=, like, contains, in, not)");
}

function parseList(state: State): Literal {
  const open = next(state);
  if (open.type !== "(") fail(open, `"(" after "in"`);
  const items = [parseScalar(state)];
  while (peek(state).type === ",") {
    next(state);
    items.push(parseScalar(state));
  }
  const close = next(state);
  if (close.type !== ")") fail(close, `"," or ")"`);
  return { kind: "list", items };
}

function parseScalar(state: State): Literal {
  const token = next(state);
  if (token.type === "string" || token.type === "date")
    return { kind: token.type, value: token.value };
  if (token.type === "number") return { kind: "number", value: token.value };
  if (token.type === "word") return parseWordLiteral(token);
  if (token.type === "(") return fail(token, `a value (a list is only valid after "in")`);
  return fail(token, "a value (string, number, true, false, null or [date])");
}

function parseWordLiteral(token: Token & { readonly type: "word" }): Literal {
  const word = token.text.toLowerCase();
  if (word === "true" || word === "false") return { kind: "boolean", value: word === "true" };
  if (word === "null") return { kind: "null" };
  return fail(token, "a value (string, number, true, false, null or [date]); quote strings");
}
