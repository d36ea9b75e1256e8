/**
 * Progress for long work (listr2), always on stderr: the animated renderer on a TTY, the
 * line-by-line renderer otherwise (CI logs), and silent with `--json`.
 */
import {
  DefaultRenderer,
  Listr,
  ListrLogger,
  ListrLogLevels,
  ProcessOutput,
  type ListrTask,
} from "listr2";

/** The animated renderer, allowed when stdout is piped (it draws on stderr). */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;
}
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
    // listr2 falls back when STDOUT is not a TTY; our progress lives on stderr, so decide here.
    fallbackRendererCondition: false,
  };
  if (!out.progress) {
    return new Listr<Ctx, "silent", "silent">([...tasks], { ...common, renderer: "silent" }).run();
  }
  if (out.stderr.isTTY === true) {
    return new Listr<Ctx, typeof StderrRenderer, "simple">([...tasks], {
      ...common,
      renderer: StderrRenderer,
      fallbackRenderer: "simple",
      rendererOptions: {
        collapseSubtasks: false,
        collapseErrors: false,
        logger: new ListrLogger({ processOutput, useIcons: true, toStderr: [] }),
      },
      fallbackRendererOptions: { logger: lineLogger(processOutput) },
    }).run();
  }
  const logger = lineLogger(processOutput);
  return new Listr<Ctx, "simple", "simple">([...tasks], {
    ...common,
    renderer: "simple",
    rendererOptions: { logger },
    fallbackRendererOptions: { logger },
  }).run();
}

/** A line-by-line logger that writes every level to stderr. */
function lineLogger(processOutput: ProcessOutput): ListrLogger {
  return new ListrLogger({
    processOutput,
    useIcons: false,
    toStderr: Object.values(ListrLogLevels),
  });
}
