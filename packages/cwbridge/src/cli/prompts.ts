/**
 * Minimal interactive prompts on `node:readline` (used by `init` when stdin is a TTY and flags
 * are missing). Questions go to stderr (stdout stays for the result); secret answers are not
 * echoed. Lines are read through readline's async iterator, so typed-ahead lines are kept.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { usageError } from "./cli-error.js";
import type { CliIo } from "./io.js";

/** Asks questions one by one. */
export interface Prompter {
  ask(question: string, fallback?: string): Promise<string>;
  askSecret(question: string): Promise<string>;
  close(): void;
}

/**
 * A prompter on the session's stdin/stderr.
 *
 * @example
 * const p = createPrompter(io); const site = await p.ask("Site", "na"); p.close();
 */
export function createPrompter(io: CliIo): Prompter {
  let muted = false;
  const echo = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) io.stderr.write(chunk.toString());
      callback();
    },
  });
  const rl = createInterface({ input: io.stdin, output: echo, terminal: io.stdin.isTTY === true });
  const lines = rl[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done === true) throw usageError("input ended before every question was answered");
    return String(line.value).trim();
  };
  return {
    async ask(question, fallback) {
      io.stderr.write(`${question}${fallback === undefined ? "" : ` [${fallback}]`}: `);
      const answer = await next();
      return answer === "" ? (fallback ?? "") : answer;
    },
    async askSecret(question) {
      io.stderr.write(`${question} (hidden): `);
      muted = true;
      try {
        return await next();
      } finally {
        muted = false;
        io.stderr.write("\n");
      }
    },
    close() {
      rl.close();
    },
  };
}
