/**
 * The commands the demo prints run as printed from a checkout: every `npx cwbridge …` line of
 * the "do it for real" block parses (the command exists and takes every flag printed), and the
 * package bins resolve from the repository root (`npm exec -- cwbridge` / `cw-emulator`; their
 * targets are committed launchers, so `npm ci` links them before any build).
 */
import { execFile } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../cli/program.js";
import type { Runner } from "../cli/runner.js";
import { captureIo } from "../cli/testing/cli-harness.js";
import { forRealLines } from "./run-demo.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** Shell words of one command (single/double quotes, no expansions). */
function words(command: string): string[] {
  const out: string[] = [];
  const pattern = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (const match of command.matchAll(pattern)) out.push(match[1] ?? match[2] ?? match[3] ?? "");
  return out;
}

/** The printed commands: continuation lines joined, comments dropped, `&&` split. */
function printedCommands(): string[][] {
  const text = forRealLines()
    .join("\n")
    .replace(/\\\n\s*/g, " ");
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("npx "))
    .map((line) => line.replace(/\s+#.*$/, ""))
    .flatMap((line) => line.split("&&").map((part) => words(part.trim())));
}

describe("the commands the demo prints", () => {
  const commands = printedCommands();

  it("are all `npx cwbridge …` (runnable from a checkout, no global install)", () => {
    expect(commands.length).toBeGreaterThan(10);
    for (const command of commands) expect(command.slice(0, 2)).toEqual(["npx", "cwbridge"]);
  });

  it.each(commands.map((command) => [command.slice(2).join(" "), command] as const))(
    "parses: %s",
    async (_, command) => {
      const args = command.slice(2).map((word) => (/^<.+>$/.test(word) ? "x1" : word));
      const ran: string[] = [];
      const runner: Runner = (cmd) => {
        ran.push(cmd.name());
        return Promise.resolve();
      };
      const io = captureIo({});
      await buildProgram(runner, io).parseAsync(args, { from: "user" });
      expect(io.stderr.text()).toBe("");
      expect(ran).toHaveLength(1);
    },
  );
});

describe("package bins", () => {
  const exec = promisify(execFile);

  it.each([["packages/cwbridge/package.json"], ["packages/connectwise-emulator/package.json"]])(
    "%s points its bins at committed, executable files",
    (file) => {
      const pkg = JSON.parse(readFileSync(resolve(ROOT, file), "utf8")) as {
        bin: Record<string, string>;
      };
      for (const target of Object.values(pkg.bin)) {
        const path = resolve(ROOT, dirname(file), target);
        expect(() => accessSync(path, constants.X_OK), `${target} must exist in git`).not.toThrow();
        expect(target).not.toMatch(/^\.?\/?dist\//);
      }
    },
  );

  it.each([
    ["cwbridge", "Usage: cwbridge"],
    ["cw-emulator", "Usage: cw-emulator"],
  ])(
    "`npm exec -- %s --help` runs from the repository root",
    async (bin, usage) => {
      const { stdout } = await exec("npm", ["exec", "--offline", "--no", "--", bin, "--help"], {
        cwd: ROOT,
        timeout: 60_000,
      });
      expect(stdout).toContain(usage);
    },
    90_000,
  );
});
