/**
 * Keeps docs/error-codes.md in step with the code: every stable error code in the source has a
 * row in the doc, every code in the doc exists in the source, and every row's "Exit" cell is the
 * exit code the CLI really returns for that code.
 *
 * Sources of truth:
 * - app: `"CWB_ERR_…"` string literals in packages/cwbridge/src/**\/*.ts (tests excluded);
 * - client: the `ConnectWiseErrorCode` union in packages/connectwise/src/errors.ts, plus the
 *   other `"CW_…"` literals of packages/connectwise/src (conditions, schema, argument errors).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConnectWiseError, type ConnectWiseErrorCode } from "@cwbridge/connectwise";
import { describe, expect, it } from "vitest";
import { CliError, type CliErrorCode } from "./cli/cli-error.js";
import { toFailure } from "./cli/error-mapping.js";

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

/** Code → exit code, from the doc's table rows (`| \`CODE\` | 3 | …`). */
function docRows(doc: string): { rows: Map<string, number>; duplicated: string[] } {
  const rows = new Map<string, number>();
  const duplicated: string[] = [];
  const row = new RegExp(String.raw`^\|\s*\`(${CODE})\`\s*\|\s*(\d)\s*\|`, "gm");
  for (const match of doc.matchAll(row)) {
    const code = match[1] ?? "";
    if (rows.has(code)) duplicated.push(code);
    rows.set(code, Number(match[2]));
  }
  return { rows, duplicated };
}

/** The exit code the CLI reports for an error carrying `code`, thrown the way the code throws it. */
function cliExitCode(code: string, unionCodes: ReadonlySet<string>): number {
  // CLI codes are thrown as CliErrors, client codes as ConnectWiseErrors, the rest as coded Errors.
  if (code.startsWith("CWB_ERR_CLI_") && code !== "CWB_ERR_CLI_UNEXPECTED") {
    return toFailure(new CliError(code as CliErrorCode, "x"), (t) => t).exitCode;
  }
  const error = unionCodes.has(code)
    ? new ConnectWiseError(code as ConnectWiseErrorCode, { message: "x" })
    : Object.assign(new Error("x"), { code });
  return toFailure(error, (t) => t).exitCode;
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

  it("gives each code the exit code the CLI returns", () => {
    const wrong = sorted(
      [...rows]
        .filter(([code]) => sourceCodes.has(code))
        .filter(([code, exit]) => cliExitCode(code, unionCodes) !== exit)
        .map(
          ([code, exit]) =>
            `${code}: doc says ${exit}, CLI returns ${cliExitCode(code, unionCodes)}`,
        ),
    );
    expect(wrong, `wrong "Exit" cells in docs/error-codes.md:\n${wrong.join("\n")}`).toEqual([]);
  });
});
