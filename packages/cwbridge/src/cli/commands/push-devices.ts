/**
 * `cwbridge push devices --source s --file devices.json|.ndjson|.csv [--mode snapshot|delta]`:
 * devices into the store (all or nothing) with their sync jobs; progress per 1,000 devices.
 * The file is streamed (read and parsed 64 KiB at a time, stored 1,000 devices at a time), so
 * memory stays bounded whatever its size. The sync itself runs in the worker (`cwbridge sync`
 * or `cwbridge worker`).
 */
import { callUseCase } from "../../core/use-case.js";
import { extname } from "node:path";
import {
  readDevicesFile,
  type DevicesFileFormat,
  type PushDevicesReport,
} from "../../features/devices/index.js";
import { usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { runTasks } from "../progress.js";
import { resolveSource } from "../resolve.js";
import type { CliSession } from "../session.js";
import { openInputChunks, type InputChunks } from "../input-file.js";

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
  const state: { input?: InputChunks; report?: PushDevicesReport } = {};
  const engine = await session.engine();
  const source = await resolveSource(engine.ctx, options.source);
  try {
    await runTasks(
      session.out,
      [
        {
          title: `Opening ${options.file}`,
          task: async (ctx) => {
            ctx.input = await openInputChunks(options.file, session.io);
          },
        },
        {
          title: "Storing devices",
          task: async (ctx, task) => {
            const chunks = ctx.input?.chunks ?? [];
            const records = counting(readDevicesFile(chunks, format), (n) => {
              task.output = `${n.toLocaleString("en-US")} devices read`;
            });
            ctx.report = await callUseCase(engine.ctx, engine.features.devices.useCases.push, {
              sourceId: source.id,
              mode,
              devices: records,
            });
            task.title = `Stored ${ctx.report.received} devices (${ctx.report.changed} new or changed)`;
          },
        },
      ],
      state,
    );
  } finally {
    await state.input?.close();
  }
  const report = state.report as PushDevicesReport;
  return result({ source: source.name, ...report }, [
    `received ${report.received}: ${report.changed} new or changed, ${report.unchanged} unchanged, ${report.removed} removed`,
    `sync queued for ${report.partitions} company(ies)${report.adoption ? " (first sync: existing configurations are adopted)" : ""}`,
    "next: cwbridge sync --plan   (then: cwbridge sync)",
  ]);
}

const FORMATS: Readonly<Record<string, DevicesFileFormat>> = {
  json: "json",
  ndjson: "ndjson",
  jsonl: "ndjson",
  csv: "csv",
};

/**
 * `json`, `ndjson` (also `.jsonl`) or `csv`, from `--format` or the file extension.
 *
 * @example
 * fileFormat("devices.CSV") // "csv"
 * fileFormat("devices.jsonl") // "ndjson"
 */
export function fileFormat(file: string, format?: string): DevicesFileFormat {
  const chosen = FORMATS[(format ?? extname(file).slice(1)).toLowerCase()];
  if (chosen !== undefined) return chosen;
  throw usageError(
    `cannot tell the format of ${file}: use a .json, .ndjson (.jsonl) or .csv file, or --format json|ndjson|csv`,
  );
}

async function* counting(
  records: AsyncIterable<unknown>,
  tick: (n: number) => void,
): AsyncGenerator<unknown> {
  let n = 0;
  for await (const record of records) {
    yield record;
    n++;
    if (n % 1000 === 0) tick(n);
  }
  tick(n);
}
