/**
 * The bridge between commander actions and command bodies: opens a session for the parsed
 * global options, runs the body, prints the result or the failure (exactly one JSON document
 * with `--json`), closes the engine, and records the exit code.
 */
import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { CommandResult } from "./command-result.js";
import { toFailure } from "./error-mapping.js";
import { EXIT, type ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { createSession, type CliSession, type GlobalOptions } from "./session.js";

/** Runs one command body for a commander command. */
export type Runner = (
  command: CommandUnknownOpts,
  body: (session: CliSession) => Promise<CommandResult>,
) => Promise<void>;

/** A runner plus the exit code of what it ran. */
export interface RunnerState {
  readonly run: Runner;
  exitCode(): ExitCode;
}

/**
 * Creates the runner.
 *
 * @example
 * const runner = createRunner({ io });
 * program.command("x").action((_o, cmd) => runner.run(cmd, (s) => body(s)));
 */
export function createRunner(options: {
  readonly io: CliIo;
  readonly fetch?: typeof fetch;
}): RunnerState {
  let exitCode: ExitCode = EXIT.ok;
  const run: Runner = async (command, body) => {
    const globals = command.optsWithGlobals() as GlobalOptions;
    const session = createSession({
      io: options.io,
      globals,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    try {
      session.out.result(await body(session));
      exitCode = EXIT.ok;
    } catch (error) {
      const failure = toFailure(error, (text) => text);
      session.out.failure(failure);
      exitCode = failure.exitCode;
    } finally {
      await session.close().catch(() => undefined);
    }
  };
  return { run, exitCode: () => exitCode };
}
