/**
 * Keeps docs/error-codes.md in step with the code: every stable error code in the source has a
 * row in the doc, every code in the doc exists in the source, and every row's "Kind", "Exit" and
 * "HTTP" cells are the kind declared for that code in the source (its class's `*_ERROR_KINDS`
 * table, or `connectwise/error-kind.ts` for the client's codes), the exit code the CLI really
 * returns for an error carrying it, and the HTTP status `httpStatusOf` gives it.
 *
 * Sources of truth:
 * - app: `"CWB_ERR_…"` string literals in packages/cwbridge/src/**\/*.ts (tests excluded);
 * - client: the `ConnectWiseErrorCode` union in packages/connectwise/src/errors.ts, plus the
 *   other `"CW_…"` literals of packages/connectwise/src (conditions, schema, argument errors).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ConditionsBuildError,
  ConditionsSyntaxError,
  ConnectWiseArgumentError,
  ConnectWiseError,
  type ConditionsBuildErrorCode,
  type ConnectWiseErrorCode,
} from "@cwbridge/connectwise";
import { ConnectWiseSchemaError } from "@cwbridge/connectwise/schemas";
import { describe, expect, it } from "vitest";
import { CLI_ERROR_KINDS, CliError, type CliErrorCode } from "./cli/cli-error.js";
import { toFailure } from "./cli/error-mapping.js";
import { kindOfCode as cliKindOfCode } from "./cli/exit-code-of.js";
import { DEMO_ERROR_KINDS } from "./demo/demo-error.js";
import { AppError, type ErrorKind } from "./core/app-error.js";
import { ERROR_KINDS, httpStatusOf } from "./core/error-kinds.js";

/** A code's kind: the CLI knows every code but `npm start`'s demo ones (the demo sits above it). */
const kindOfCode = (code: string) =>
  cliKindOfCode(code) ?? (DEMO_ERROR_KINDS as Readonly<Record<string, ErrorKind>>)[code];

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const APP_SRC = join(ROOT, "packages/cwbridge/src");
const CLIENT_SRC = join(ROOT, "packages/connectwise/src");
const CLIENT_ERRORS = join(CLIENT_SRC, "errors.ts");
const DOC = join(ROOT, "docs/error-codes.md");

/** A whole code (`CW_X_Y`, `CWB_ERR_X_Y`); wildcards such as `CWB_ERR_SECRETS_*` do not match. */
const CODE = String.raw`(?:CWB_ERR|CW)_[A-Z0-9]+(?:_[A-Z0-9]+)*`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function literals(files: readonly string[], prefix: string): Set<string> {
  const pattern = new RegExp(`"(${prefix}_[A-Z0-9_]+)"`, "g");
  const found = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, "utf8").matchAll(pattern)) found.add(match[1] ?? "");
  }
  return found;
}

function clientUnion(): Set<string> {
  const text = readFileSync(CLIENT_ERRORS, "utf8");
  const union = /export type ConnectWiseErrorCode\s*=([^;]*);/.exec(text)?.[1] ?? "";
  return new Set([...union.matchAll(/"(CW_[A-Z0-9_]+)"/g)].map((m) => m[1] ?? ""));
}

/** The cells of a code's row: `| \`CODE\` | kind | exit | HTTP | …`. */
interface Row {
  readonly kind: string;
  readonly exit: string;
  readonly http: string;
}

/** Code → its cells, from the doc's table rows. */
function docRows(doc: string): { rows: Map<string, Row>; duplicated: string[] } {
  const rows = new Map<string, Row>();
  const duplicated: string[] = [];
  const cell = String.raw`\s*([^|]*?)\s*\|`;
  const row = new RegExp(String.raw`^\|\s*\`(${CODE})\`\s*\|${cell}${cell}${cell}`, "gm");
  for (const match of doc.matchAll(row)) {
    const code = match[1] ?? "";
    if (rows.has(code)) duplicated.push(code);
    rows.set(code, { kind: match[2] ?? "", exit: match[3] ?? "", http: match[4] ?? "" });
  }
  return { rows, duplicated };
}

/** Codes that are never the code of a thrown error (an events-log `errorCode`). */
const NOT_THROWN = new Set(["CWB_ERR_ENGINE_STOPPED"]);

/** An error carrying `code`, built the way the source throws it. */
function thrownAs(code: string, unionCodes: ReadonlySet<string>): unknown {
  if (code in CLI_ERROR_KINDS) return new CliError(code as CliErrorCode, "x");
  if (unionCodes.has(code))
    return new ConnectWiseError(code as ConnectWiseErrorCode, { message: "x" });
  if (code === "CW_CONDITIONS_SYNTAX") return new ConditionsSyntaxError("x", 0);
  if (code.startsWith("CW_CONDITIONS_"))
    return new ConditionsBuildError(code as ConditionsBuildErrorCode, "x");
  if (code === "CW_INVALID_ARGUMENT") return new ConnectWiseArgumentError("x");
  if (code === "CW_SCHEMA") return new ConnectWiseSchemaError("Ticket", []);
  const kind = kindOfCode(code);
  // Each app class takes its kind from its own table: an AppError with that kind is what it throws.
  return kind === undefined || NOT_THROWN.has(code)
    ? Object.assign(new Error("x"), { code })
    : new AppError({ code, kind, message: "x" });
}

/** The cells the source implies for `code`. */
function sourceRow(code: string, unionCodes: ReadonlySet<string>): Row {
  const error = thrownAs(code, unionCodes);
  const thrown = !NOT_THROWN.has(code);
  return {
    kind: thrown ? (kindOfCode(code) ?? "(none)") : "—",
    exit: String(toFailure(error, (t) => t).exitCode),
    http: thrown ? String(httpStatusOf(error)) : "—",
  };
}

function sorted(codes: Iterable<string>): string[] {
  return [...codes].sort();
}

const appCodes = literals(sourceFiles(APP_SRC), "CWB_ERR");
const unionCodes = clientUnion();
const clientCodes = new Set([...unionCodes, ...literals(sourceFiles(CLIENT_SRC), "CW")]);
const sourceCodes = new Set([...appCodes, ...clientCodes]);
const doc = readFileSync(DOC, "utf8");
const docCodes = new Set(
  [...doc.matchAll(new RegExp(String.raw`\b${CODE}\b`, "g"))].map((m) => m[0]),
);
const { rows, duplicated } = docRows(doc);

describe("docs/error-codes.md", () => {
  it("finds the codes in the source (the scan itself works)", () => {
    expect(appCodes.size, "no CWB_ERR_* literal found under packages/cwbridge/src").toBeGreaterThan(
      20,
    );
    expect(unionCodes.size, "ConnectWiseErrorCode union not parsed").toBeGreaterThan(5);
  });

  it("lists every code of the source in a table row", () => {
    const missing = sorted([...sourceCodes].filter((code) => !rows.has(code)));
    expect(
      missing,
      `codes in the source without a row in docs/error-codes.md: ${missing.join(", ")}`,
    ).toEqual([]);
  });

  it("names no code that does not exist in the source", () => {
    const unknown = sorted([...docCodes].filter((code) => !sourceCodes.has(code)));
    expect(
      unknown,
      `codes in docs/error-codes.md that exist nowhere in the source: ${unknown.join(", ")}`,
    ).toEqual([]);
  });

  it("lists each code once", () => {
    expect(duplicated, `codes with more than one row: ${duplicated.join(", ")}`).toEqual([]);
  });

  it("declares a kind for every code an error can carry", () => {
    const kindless = sorted(
      [...sourceCodes].filter((code) => !NOT_THROWN.has(code) && kindOfCode(code) === undefined),
    );
    expect(
      kindless,
      `codes without a kind in any *_ERROR_KINDS table: ${kindless.join(", ")}`,
    ).toEqual([]);
  });

  it("gives each code the kind of the source, the exit code the CLI returns and its HTTP status", () => {
    const wrong = sorted(
      [...rows]
        .filter(([code]) => sourceCodes.has(code))
        .flatMap(([code, row]) => {
          const source = sourceRow(code, unionCodes);
          return (["kind", "exit", "http"] as const)
            .filter((cell) => row[cell] !== source[cell])
            .map(
              (cell) =>
                `${code}: ${cell} is ${source[cell]} in the source, ${row[cell]} in the doc`,
            );
        }),
    );
    expect(wrong, `wrong cells in docs/error-codes.md:\n${wrong.join("\n")}`).toEqual([]);
  });

  it("shows the kind table of core/error-kinds.ts as it is", () => {
    const row = /^\|\s*`([a-z_]+)`\s*\|\s*(\d)\s*\|\s*(\d{3})\s*\|/gm;
    const shown = Object.fromEntries(
      [...doc.matchAll(row)].map((m) => [
        m[1],
        { exitCode: Number(m[2]), httpStatus: Number(m[3]) },
      ]),
    );
    expect(shown).toEqual(ERROR_KINDS);
  });

  it("notices a wrong kind cell (the check itself works)", () => {
    const row = sourceRow("CWB_ERR_SOURCE_EXISTS", unionCodes);
    expect(row).toEqual({ kind: "conflict", exit: "2", http: "409" });
    expect(sourceRow("CWB_ERR_ENGINE_STOPPED", unionCodes)).toEqual({
      kind: "—",
      exit: "1",
      http: "—",
    });
  });
});
