/**
 * Minimal interactive prompts on `node:readline/promises` (used by `init` when stdin is a TTY
 * and flags are missing). Secret answers are not echoed.
 */
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import type { CliIo } from "./io.js";

/** Asks questions one by one. */
export interface Prompter {
  ask(question: string, fallback?: string): Promise<string>;
  askSecret(question: string): Promise<string>;
  close(): void;
}

/**
 * A prompter on the session's stdin/stderr (stdout stays for the result).
 *
 * @example
 * const p = createPrompter(io); const site = await p.ask("Site", "na"); p.close();
 */
export function createPrompter(io: CliIo): Prompter {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) io.stderr.write(chunk.toString());
      callback();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: io.stdin.isTTY === true });
  return {
    async ask(question, fallback) {
      const suffix = fallback === undefined ? "" : ` [${fallback}]`;
      const answer = (await rl.question(`${question}${suffix}: `)).trim();
      return answer === "" ? (fallback ?? "") : answer;
    },
    async askSecret(question) {
      io.stderr.write(`${question} (hidden): `);
      muted = true;
      try {
        return (await rl.question("")).trim();
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
