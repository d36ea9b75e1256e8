/**
 * `cwbridge connections test <name>`: companyinfo → system/info → who-am-I, each failure
 * with its cause and fix. Exit 3 when a step fails.
 */
import { callUseCase } from "../../core/use-case.js";
import { CliError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { testLines } from "../render/connection.js";
import type { CliSession } from "../session.js";

/**
 * Tests a saved connection; throws `CWB_ERR_CLI_CONNECTION_TEST_FAILED` (exit 3, the result in
 * `details`) when a step fails.
 *
 * @example
 * await connectionsTest(session, { name: "acme" });
 */
export async function connectionsTest(
  session: CliSession,
  options: { readonly name: string; readonly timeoutMs?: number },
): Promise<CommandResult> {
  const engine = await session.engine();
  const test = await callUseCase(engine.ctx, engine.features.connections.useCases.test, {
    connection: options.name,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  if (!test.ok) {
    const failed = test.steps.find((s) => s.failure !== undefined);
    throw new CliError(
      "CWB_ERR_CLI_CONNECTION_TEST_FAILED",
      `connection '${options.name}' failed at ${failed?.name ?? "a step"}: ${failed?.failure?.cause ?? "see details"}`,
      { test },
      testLines(test),
    );
  }
  return result({ connection: options.name, test }, [
    ...testLines(test),
    `connection '${options.name}' works`,
  ]);
}
