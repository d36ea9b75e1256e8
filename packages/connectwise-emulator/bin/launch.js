/**
 * The bin launcher of this package: run the built entry
 * when `npm run build` made it, else the TypeScript source through tsx with the `source`
 * export condition (so a fresh checkout's `npx cwbridge` / `npx cw-emulator` work before a
 * build). The child inherits stdio; its exit code and signals are passed through.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * @param {{ built: URL, source: URL }} entry
 */
export async function launch(entry) {
  const built = fileURLToPath(entry.built);
  if (existsSync(built)) {
    await import(entry.built.href);
    return;
  }
  const source = fileURLToPath(entry.source);
  const require = createRequire(entry.source);
  let tsx;
  try {
    tsx = require.resolve("tsx");
  } catch {
    process.stderr.write(
      `${built} is missing and tsx is not installed: run \`npm run build\` (or \`npm ci\`) first\n`,
    );
    process.exit(1);
  }
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", tsx, source, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  const forward = (signal) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", (code, signal) => {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
