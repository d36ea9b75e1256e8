/**
 * Runs the CLI for an argv and returns the exit code (the bin sets `process.exitCode`).
 * Parse errors (unknown option, missing required flag) exit 2; with `--json` they are printed
 * as the one `{ "error": … }` document too.
 */
import { CommanderError } from "commander";
import { createSecretRegistry } from "../logger.js";
import { argvSecrets, redactingIo } from "./argv-secrets.js";
import { toFailure } from "./error-mapping.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { createOutput } from "./output.js";
import { buildProgram } from "./program.js";
import { createRunner } from "./runner.js";

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Transport for ConnectWise clients (tests: an emulator's in-process fetch). */
  readonly fetch?: typeof fetch;
}

const HELP_CODES = new Set(["commander.helpDisplayed", "commander.version", "commander.help"]);

/**
 * Parses `argv` (without `node` and the script) and runs the command.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(
  argv: readonly string[],
  rawIo: CliIo,
  options: RunCliOptions = {},
): Promise<ExitCode> {
  const secrets = createSecretRegistry();
  secrets.add(argvSecrets(argv));
  const io =
    argvSecrets(argv).length === 0 ? rawIo : redactingIo(rawIo, (text) => secrets.redact(text));
  const runner = createRunner({
    io,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const program = buildProgram(runner.run, io);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return runner.exitCode();
  } catch (error) {
    if (error instanceof CommanderError && HELP_CODES.has(error.code)) {
      return error.code === "commander.help" ? EXIT.usage : EXIT.ok;
    }
    const json = argv.includes("--json");
    const failure = toFailure(error, (text) => text);
    const out = createOutput({
      stdout: io.stdout,
      stderr: io.stderr,
      json,
      redact: (text) => text,
    });
    if (json || !(error instanceof CommanderError)) out.failure(failure);
    return failure.exitCode;
  }
}
