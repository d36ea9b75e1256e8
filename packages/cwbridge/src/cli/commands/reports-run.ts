/**
 * `cwbridge reports run <name> [--connection c] [--conditions …] [--columns a,b] [--page-size N]
 * [--format json|csv] [--output file]`: runs a ConnectWise report and streams it, page by page,
 * as JSON (an array of row objects) or CSV (a header, then one record per row). Without
 * `--output` the export itself is what stdout carries (with `--json` it is the one JSON
 * document, so `--format csv` is refused then). With `--output` it is written to a temporary
 * file beside the target, renamed into place when complete (a failure leaves no file), and
 * stdout gets a summary. The first page is read before any output exists, so an unknown
 * report, bad conditions or a missing right change nothing.
 */
import { once } from "node:events";
import { createWriteStream, renameSync, rmSync, type WriteStream } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { callUseCase } from "../../core/use-case.js";
import type { ReportExport, ReportExportTotals } from "../../features/reports/index.js";
import { CliError, usageError } from "../cli-error.js";
import { result, streamed, type CommandResult } from "../command-result.js";
import { resolveConnection } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `reports run`. */
export interface ReportsRunOptions {
  readonly connection?: string;
  readonly conditions?: string;
  readonly columns?: string;
  readonly pageSize?: string;
  readonly format?: string;
  readonly output?: string;
}

function pageSizeOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw usageError("--page-size must be an integer 1..1000");
  return Number(text);
}

function formatOf(options: ReportsRunOptions): string {
  if (options.format !== undefined) return options.format;
  return options.output?.toLowerCase().endsWith(".csv") === true ? "csv" : "json";
}

async function drain(run: ReportExport, write: (text: string) => Promise<void>) {
  const chunks = run.chunks();
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) return next.value;
    await write(next.value);
  }
}

/** Writes to stdout, waiting for `drain` when it is full (a real stream). */
function stdoutWriter(session: CliSession): (text: string) => Promise<void> {
  const stdout = session.io.stdout as { once?: unknown };
  return async (text) => {
    if (!session.out.write(text) && typeof stdout.once === "function") {
      await once(session.io.stdout as unknown as NodeJS.EventEmitter, "drain");
    }
  };
}

async function toFile(run: ReportExport, target: string): Promise<ReportExportTotals> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  let stream: WriteStream | undefined;
  try {
    stream = createWriteStream(temp, { flags: "wx", mode: 0o600 });
    await once(stream, "open");
    const out = stream;
    const totals = await drain(run, async (text) => {
      if (!out.write(text)) await once(out, "drain");
    });
    out.end();
    await once(out, "finish");
    renameSync(temp, target);
    return totals;
  } catch (error) {
    stream?.destroy();
    rmSync(temp, { force: true });
    if (error instanceof Error && "code" in error && typeof error.code === "string") {
      throw new CliError("CWB_ERR_CLI_FILE", `cannot write ${target}: ${error.code}`);
    }
    throw error;
  }
}

/**
 * Runs and streams a report.
 *
 * @example
 * await reportsRun(session, "Service", { conditions: "Closed_Flag = false", format: "csv" });
 */
export async function reportsRun(
  session: CliSession,
  name: string,
  options: ReportsRunOptions,
): Promise<CommandResult> {
  const format = formatOf(options);
  if (session.out.json && options.output === undefined && format !== "json") {
    throw usageError("--json prints one JSON document: use --format json, or --output <file>");
  }
  const pageSize = pageSizeOf(options.pageSize);
  const engine = await session.engine();
  const connection = await resolveConnection(engine.ctx, options.connection);
  const run = await callUseCase(engine.ctx, engine.features.reports.useCases.run, {
    connection: connection.id,
    name,
    format,
    ...(options.conditions === undefined ? {} : { conditions: options.conditions }),
    ...(options.columns === undefined
      ? {}
      : { columns: options.columns.split(",").map((c) => c.trim()) }),
    ...(pageSize === undefined ? {} : { pageSize }),
  });
  if (options.output === undefined) {
    await drain(run, stdoutWriter(session));
    return streamed();
  }
  const target = resolve(options.output);
  const totals = await toFile(run, target);
  return result(
    { report: name, connection: connection.name, format: run.format, output: target, ...totals },
    [`wrote ${totals.rows} rows of report ${name} to ${target} (${run.format})`],
  );
}
