/**
 * Human vs JSON output. With `--json`, stdout carries exactly ONE JSON document per command:
 * the result, or `{ "error": { code, message, details? } }` (the one exception is
 * `events --follow --json`, one document per line). Progress, logs and human errors go to
 * stderr. Every byte written passes through `redact`, so a known secret never leaves.
 */
import type { CommandResult } from "./command-result.js";
import type { CliFailure } from "./error-mapping.js";
import type { TextOut } from "./io.js";

/** The output channel of one command run. */
export interface Output {
  readonly json: boolean;
  /** Whether progress is shown (stderr); false with `--json` or when embedded (demo). */
  readonly progress: boolean;
  readonly stderr: TextOut;
  /** Prints the result (once). */
  result(result: CommandResult): void;
  /** Prints a failure (once): a JSON error document, or a human message on stderr. */
  failure(failure: CliFailure): void;
  /** A note for humans on stderr (silent with `--json`). */
  note(line: string): void;
  /** One streamed record: a JSON line, or a human line on stdout (`events --follow`). */
  stream(record: unknown, human: string): void;
  /** Raw text on stdout, as is (`reports run` streaming its export); false when stdout is full. */
  write(text: string): boolean;
}

/** Options of {@link createOutput}. */
export interface OutputOptions {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  readonly json: boolean;
  readonly redact: (text: string) => string;
  /** Show progress (default: not with `--json`). */
  readonly progress?: boolean;
}

/**
 * Creates the output channel.
 *
 * @example
 * const out = createOutput({ stdout, stderr, json: true, redact: (t) => t });
 * out.result({ data: { ok: true }, human: ["ok"] }); // stdout: {"ok":true}
 */
export function createOutput(options: OutputOptions): Output {
  const { stdout, stderr, json, redact } = options;
  const write = (stream: TextOut, text: string): void => {
    stream.write(redact(text));
  };
  return {
    json,
    progress: options.progress ?? !json,
    stderr,
    result(result) {
      if (result.streamed === true) return;
      if (json) write(stdout, `${JSON.stringify(result.data, null, 2)}\n`);
      else if (result.human.length > 0) write(stdout, `${result.human.join("\n")}\n`);
    },
    failure(failure) {
      if (json) {
        write(stdout, `${JSON.stringify({ error: errorBody(failure) }, null, 2)}\n`);
        return;
      }
      const issues = failure.message.includes("\n") ? [] : issueLines(failure.details);
      const lines = [`error: ${failure.message}`, ...(failure.humanDetail ?? []), ...issues];
      write(stderr, `${lines.join("\n")}\n`);
    },
    note(line) {
      if (!json) write(stderr, `${line}\n`);
    },
    stream(record, human) {
      write(stdout, `${json ? JSON.stringify(record) : human}\n`);
    },
    write(text) {
      return stdout.write(redact(text));
    },
  };
}

function errorBody(failure: CliFailure): Record<string, unknown> {
  const body: Record<string, unknown> = {
    code: failure.code,
    kind: failure.kind,
    message: failure.message,
  };
  if (failure.details !== undefined) body["details"] = failure.details;
  return body;
}

function issueLines(details: unknown): string[] {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.slice(0, 50).map((issue: unknown) => {
    const i = issue as { field?: string; path?: string; index?: number; message?: string };
    const where = [i.index === undefined ? undefined : `#${i.index}`, i.field ?? i.path]
      .filter((part): part is string => part !== undefined && part !== "")
      .join(" ");
    return `  - ${where === "" ? "" : `${where}: `}${i.message ?? ""}`;
  });
}
