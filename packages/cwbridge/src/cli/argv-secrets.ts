/**
 * Secrets given on the command line: the value of any flag whose name mentions priv, secret,
 * client, token, key or pass (`--private-key x`, `--client-id=x`, and misspelt variants such as
 * `--privat-key=x`, which commander would echo in its "unknown option" error). They are
 * scrubbed from everything the CLI writes, commander's own messages included.
 */
import type { CliIo, TextOut } from "./io.js";

const NAME = /^--?[\w-]*(priv|secret|client|token|key|pass)[\w-]*$/i;
const INLINE = /^--?[\w-]*(priv|secret|client|token|key|pass)[\w-]*=(.+)$/i;

/**
 * The secret-looking values in `argv`.
 *
 * @example
 * argvSecrets(["--private-key", "abc123", "--client-id=g-u-i-d"]) // ["abc123", "g-u-i-d"]
 */
export function argvSecrets(argv: readonly string[]): string[] {
  const found: string[] = [];
  argv.forEach((arg, i) => {
    const inline = INLINE.exec(arg);
    if (inline?.[2] !== undefined) found.push(inline[2]);
    else if (NAME.test(arg) && argv[i + 1] !== undefined) found.push(argv[i + 1] as string);
  });
  return found;
}

/**
 * IO whose stdout/stderr scrub `redact`ed text (stdin and env unchanged).
 *
 * @example
 * const safe = redactingIo(io, (t) => t.replaceAll(key, "[REDACTED]"));
 */
export function redactingIo(io: CliIo, redact: (text: string) => string): CliIo {
  const wrap = (out: TextOut): TextOut => ({
    ...(out.isTTY === undefined ? {} : { isTTY: out.isTTY }),
    write: (chunk: string) => out.write(redact(chunk)),
  });
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
