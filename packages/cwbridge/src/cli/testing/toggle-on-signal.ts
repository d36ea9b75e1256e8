/**
 * Test-only child process: `cwbridge connections disable|enable <name>` run from another OS
 * process at a moment the test picks. It opens the CLI session (engine, store) first and
 * prints `ready`; on a line `go` on stdin it runs the command's body (`connectionsToggle`, what
 * `connections disable` runs) and prints one JSON line `{ "startedAt", "doneAt" }` (wall-clock
 * epoch ms, sub-millisecond: `performance.timeOrigin + performance.now()`): the toggle
 * committed between the two. Environment: `CWBRIDGE_HOME`, `DATABASE_URL` as for the CLI.
 *
 * Usage: `node --conditions=source --import tsx toggle-on-signal.ts disable <name>`.
 */
import { createInterface } from "node:readline";
import { connectionsToggle } from "../commands/connections-toggle.js";
import { createSession } from "../session.js";
import { captureIo } from "./cli-harness.js";

const wallClock = (): number => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const [action, name] = process.argv.slice(2);
  if ((action !== "disable" && action !== "enable") || name === undefined) {
    throw new Error("usage: toggle-on-signal.ts disable|enable <name>");
  }
  const env: Record<string, string> = {};
  for (const key of ["CWBRIDGE_HOME", "DATABASE_URL", "CWBRIDGE_LOG_LEVEL"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const session = createSession({ io: captureIo({ env }), globals: {} });
  try {
    await session.engine();
    process.stdout.write("ready\n");
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) {
      if (line.trim() !== "go") continue;
      const startedAt = wallClock();
      await connectionsToggle(session, { name, enabled: action === "enable" });
      const doneAt = wallClock();
      process.stdout.write(`${JSON.stringify({ startedAt, doneAt })}\n`);
      lines.close();
    }
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
