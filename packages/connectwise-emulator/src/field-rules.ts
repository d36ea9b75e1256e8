/**
 * Field rules of a resource, written in a compact notation so a resource definition stays one
 * readable entry:
 *
 * ```text
 * name:s50!        string, max 50, required on create and on PUT
 * severity:e(Low|Medium|High)~   enum, required on PUT only
 * company:@companies!            reference to a table row ({id} | {identifier} | {name})
 * types:@companyTypes[]          array of references
 * board:@                        reference to something the emulator does not model (kept as sent)
 * closedFlag:b#                  boolean, read-only (server-computed, ignored in bodies)
 * ```
 * Types: `s` string, `n` number, `i` integer, `b` boolean, `d` date-time, `e(..)` enum,
 * `a` array, `o` object, `@table` reference. Flags: `!` required, `~` required on update,
 * `#` read-only.
 */
import type { TableName } from "./types.js";

export type FieldKind =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "date"
  | "enum"
  | "ref"
  | "refs"
  | "array"
  | "object";

/** One validated field of a resource. */
export interface FieldRule {
  readonly name: string;
  readonly kind: FieldKind;
  readonly maxLength?: number;
  readonly values?: readonly string[];
  /** Target table of a reference; absent for references the emulator does not model. */
  readonly table?: TableName;
  readonly required: boolean;
  readonly requiredOnUpdate: boolean;
  readonly readOnly: boolean;
}

const SIMPLE: Readonly<Record<string, FieldKind>> = {
  s: "string",
  n: "number",
  i: "integer",
  b: "boolean",
  d: "date",
  a: "array",
  o: "object",
};

const RULE = /^([A-Za-z_][A-Za-z0-9_]*):(s\d*|n|i|b|d|a|o|e\([^)]*\)|@[A-Za-z]*(?:\[\])?)([!~#]*)$/;

function parseType(
  type: string,
): Omit<FieldRule, "name" | "required" | "requiredOnUpdate" | "readOnly"> {
  if (type.startsWith("e(")) return { kind: "enum", values: type.slice(2, -1).split("|") };
  if (type.startsWith("@")) {
    const many = type.endsWith("[]");
    const table = type.slice(1, many ? -2 : undefined);
    const kind: FieldKind = many ? "refs" : "ref";
    return table === "" ? { kind } : { kind, table: table as TableName };
  }
  if (type.startsWith("s") && type.length > 1)
    return { kind: "string", maxLength: Number(type.slice(1)) };
  const kind = SIMPLE[type];
  if (!kind) throw new Error(`unknown field type ${type}`);
  return { kind };
}

/**
 * Parses a whitespace-separated list of field rules.
 *
 * @example
 * fields("summary:s100! company:@companies! closedFlag:br");
 */
export function fields(spec: string): readonly FieldRule[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((token) => {
      const match = RULE.exec(token);
      if (!match) throw new Error(`bad field rule ${token}`);
      const [, name = "", type = "", flags = ""] = match;
      return {
        name,
        ...parseType(type),
        required: flags.includes("!"),
        requiredOnUpdate: flags.includes("!") || flags.includes("~"),
        readOnly: flags.includes("#"),
      };
    });
}
