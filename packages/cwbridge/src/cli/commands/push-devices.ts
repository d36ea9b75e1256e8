/**
 * `cwbridge push devices --source s --file devices.json|.csv [--mode snapshot|delta]`:
 * devices into the store (all or nothing) with their sync jobs; progress per 1,000 devices.
 * The sync itself runs in the worker (`cwbridge sync` or `cwbridge worker`).
 */
import { extname } from "node:path";
import {
  iterateDevicesFile,
  pushDevices,
  type DevicesFileFormat,
  type PushDevicesReport,
} from "../../services/devices/index.js";
import { usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { readInputFile } from "../input-file.js";
import { runTasks } from "../progress.js";
import { resolveSource } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `push devices`. */
export interface PushDevicesCliOptions {
  readonly source: string;
  readonly file: string;
  readonly format?: string;
  readonly mode?: string;
}

/**
 * Pushes a devices file.
 *
 * @example
 * await pushDevicesCommand(session, { source: "rmm", file: "devices.csv", mode: "snapshot" });
 */
export async function pushDevicesCommand(
  session: CliSession,
  options: PushDevicesCliOptions,
): Promise<CommandResult> {
  const format = fileFormat(options.file, options.format);
  const mode = options.mode ?? "snapshot";
  if (mode !== "snapshot" && mode !== "delta") throw usageError("--mode must be snapshot or delta");
  const state: { text?: string; report?: PushDevicesReport } = {};
  const engine = await session.engine();
  const source = await resolveSource(engine.ctx, options.source);
  await runTasks(
    session.out,
    [
      {
        title: `Reading ${options.file}`,
        task: async (ctx) => {
          ctx.text = await readInputFile(options.file, session.io);
        },
      },
      {
        title: "Storing devices",
        task: async (ctx, task) => {
          const records = counting(iterateDevicesFile(ctx.text ?? "", format), (n) => {
            task.output = `${n.toLocaleString("en-US")} devices read`;
          });
          ctx.report = await pushDevices(engine.ctx, source.id, records, { mode });
          task.title = `Stored ${ctx.report.received} devices (${ctx.report.changed} new or changed)`;
        },
      },
    ],
    state,
  );
  const report = state.report as PushDevicesReport;
  return result({ source: source.name, ...report }, [
    `received ${report.received}: ${report.changed} new or changed, ${report.unchanged} unchanged, ${report.removed} removed`,
    `sync queued for ${report.partitions} company(ies)${report.adoption ? " (first sync: existing configurations are adopted)" : ""}`,
    "next: cwbridge sync --plan   (then: cwbridge sync)",
  ]);
}

/**
 * `json` or `csv`, from `--format` or the file extension.
 *
 * @example
 * fileFormat("devices.CSV") // "csv"
 */
export function fileFormat(file: string, format?: string): DevicesFileFormat {
  const chosen = (format ?? extname(file).slice(1)).toLowerCase();
  if (chosen === "json" || chosen === "csv") return chosen;
  throw usageError(
    `cannot tell the format of ${file}: use a .json or .csv file, or --format json|csv`,
  );
}

function* counting(records: Iterable<unknown>, tick: (n: number) => void): Generator<unknown> {
  let n = 0;
  for (const record of records) {
    yield record;
    n++;
    if (n % 1000 === 0) tick(n);
  }
  tick(n);
}
