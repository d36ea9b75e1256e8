/**
 * Where the app's log lines go for people at a terminal (the CLI, `npm start`): stderr. With
 * `raw` (the CLI's `--json` or `--verbose`) the pino JSON lines are kept as they are (machines
 * read them); otherwise each line is shortened to `warn: message` for people. Lines already
 * passed the logger's secret redaction.
 */
import type { DestinationStream } from "pino";

/** A text stream the lines are written to. */
export interface LogText {
  write(chunk: string): unknown;
}

const LEVELS: Readonly<Record<number, string>> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};

/**
 * A pino destination writing to `stderr`.
 *
 * @example
 * openApp({ config, logDestination: stderrLogDestination(process.stderr, { raw: false }) });
 */
export function stderrLogDestination(
  stderr: LogText,
  options: { readonly raw: boolean },
): DestinationStream {
  return {
    write(line: string) {
      stderr.write(options.raw ? line : humanLine(line));
    },
  };
}

function humanLine(line: string): string {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; path?: string };
    const level = LEVELS[entry.level ?? 30] ?? "info";
    const where = typeof entry.path === "string" ? ` (${entry.path})` : "";
    return `${level}: ${entry.msg ?? ""}${where}\n`;
  } catch {
    return line;
  }
}
