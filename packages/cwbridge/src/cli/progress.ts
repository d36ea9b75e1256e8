/**
 * Progress for long work (listr2), always on stderr: the animated renderer on a TTY, the
 * line-by-line renderer otherwise (CI logs), and silent with `--json`.
 */
import { Listr, ListrLogger, ProcessOutput, type ListrTask } from "listr2";
import type { Output } from "./output.js";

/**
 * Runs tasks with progress on stderr; resolves with the shared context. Task errors reject
 * (after the renderer shows them); `exitOnError` stops at the first.
 *
 * @example
 * await runTasks(out, [{ title: "Reading the file", task: async (ctx) => { ctx.text = await readFile(f, "utf8"); } }], {});
 */
export async function runTasks<Ctx extends object>(
  out: Output,
  tasks: readonly ListrTask<Ctx>[],
  context: Ctx,
  options: { readonly exitOnError?: boolean; readonly concurrent?: boolean } = {},
): Promise<Ctx> {
  const stderr = out.stderr as NodeJS.WriteStream;
  const processOutput = new ProcessOutput(stderr, stderr);
  const common = {
    ctx: context,
    exitOnError: options.exitOnError ?? true,
    concurrent: options.concurrent ?? false,
    registerSignalListeners: false,
    collectErrors: false as const,
  };
  if (!out.progress) {
    return new Listr<Ctx, "silent", "silent">([...tasks], { ...common, renderer: "silent" }).run();
  }
  if (out.stderr.isTTY === true) {
    return new Listr<Ctx, "default", "simple">([...tasks], {
      ...common,
      renderer: "default",
      fallbackRenderer: "simple",
      rendererOptions: { collapseSubtasks: false, collapseErrors: false },
    }).run();
  }
  const logger = new ListrLogger({
    processOutput,
    useIcons: false,
    toStderr: [
      "STARTED",
      "COMPLETED",
      "FAILED",
      "SKIPPED",
      "OUTPUT",
      "TITLE",
      "RETRY",
      "ROLLBACK",
      "PROMPT",
      "PAUSED",
    ],
  });
  return new Listr<Ctx, "simple", "simple">([...tasks], {
    ...common,
    renderer: "simple",
    rendererOptions: { logger },
  }).run();
}
