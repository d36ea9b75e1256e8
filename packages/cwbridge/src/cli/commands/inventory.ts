/**
 * `cwbridge inventory refresh|members|contacts`: the user inventory (issue #9).
 *
 * - `refresh [--connection c] [--full]` queues the refresh job of the connection (or of every
 *   connection), runs the worker until it is done and prints each connection's report.
 * - `members` / `contacts [--company X]` stream the stored rows: a table for humans, one JSON
 *   document `{ "members": [ … ] }` with `--json`, CSV with `--csv`; `--output f` writes the
 *   export to a file instead (format from the flag, else from the extension: `.csv` or JSON)
 *   and prints a summary. Rows are read from the store page by page and written as they come
 *   (waiting for the stream to drain), so the export never holds more than a page.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import type { App } from "../../app/open-app.js";
import { runUntilIdle } from "../../app/run-until-idle.js";
import { callUseCase } from "../../core/use-case.js";
import {
  CONTACT_COLUMNS,
  contactFilter,
  MEMBER_COLUMNS,
  streamContacts,
  streamMembers,
  type InventoryContact,
  type InventoryMember,
  type StoredRefresh,
} from "../../features/inventory/index.js";
import { listConnections } from "../../features/connections/index.js";
import { csvRecord } from "../../lib/csv-write.js";
import { CliError, usageError } from "../cli-error.js";
import { result, streamed, type CommandResult } from "../command-result.js";
import { runTasks } from "../progress.js";
import { table } from "../render/table.js";
import { resolveConnection } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `inventory refresh`. */
export interface InventoryRefreshOptions {
  readonly connection?: string;
  readonly full?: boolean;
  readonly timeoutMs?: number;
}

/** Flags of `inventory members` / `inventory contacts`. */
export interface InventoryExportOptions {
  readonly connection?: string;
  readonly company?: string;
  readonly csv?: boolean;
  readonly output?: string;
  readonly deleted?: boolean;
}

/**
 * Refreshes the inventory through the queue and prints the reports.
 *
 * @example
 * await inventoryRefresh(session, { full: true });
 */
export async function inventoryRefresh(
  session: CliSession,
  options: InventoryRefreshOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection =
    options.connection === undefined
      ? undefined
      : await resolveConnection(engine.ctx, options.connection);
  const cases = engine.features.inventory.useCases;
  const input = {
    ...(connection === undefined ? {} : { connectionId: connection.id }),
    full: options.full === true,
  };
  const failedBefore = (await engine.ctx.queue.stats()).failed;
  const startedAt = new Date().toISOString();
  const state: { timedOut?: boolean; failed?: number } = {};
  await runTasks(
    session.out,
    [
      {
        title: "Reading members and contacts from ConnectWise",
        task: async (ctx, task) => {
          const { jobs } = await callUseCase(engine.ctx, cases.refresh, input);
          task.title = `Refreshing the inventory of ${jobs.length} connection(s)`;
          const idle = await runUntilIdle(engine, {
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
          });
          ctx.timedOut = idle.timedOut;
          ctx.failed = idle.stats.failed - failedBefore;
        },
      },
    ],
    state,
  );
  const { reports } = await callUseCase(
    engine.ctx,
    cases.status,
    connection === undefined ? {} : { connectionId: connection.id },
  );
  const fresh = reports.filter((r) => r.at >= startedAt);
  const lines = await reportLines(engine, fresh);
  const errors = fresh.filter((r) => r.outcome === "error");
  if (errors.length > 0 || state.timedOut === true || (state.failed ?? 0) > 0) {
    const first = errors[0];
    throw new CliError(
      "CWB_ERR_CLI_JOB_FAILED",
      first !== undefined && first.outcome === "error"
        ? `inventory refresh failed: ${first.error.message}`
        : state.timedOut === true
          ? "the inventory refresh did not finish in time; `cwbridge worker` continues it"
          : "the inventory refresh job failed; see cwbridge doctor",
      { reports: fresh },
      lines,
    );
  }
  return result({ reports: fresh }, lines);
}

async function reportLines(engine: App, reports: readonly StoredRefresh[]): Promise<string[]> {
  if (reports.length === 0) return ["nothing refreshed (no connection?)"];
  const names = new Map((await listConnections(engine.ctx)).map((c) => [c.id, c.name]));
  return table(
    ["connection", "members", "contacts", "companies", "deleted", "mode"],
    reports.map((r) => {
      const name = names.get(r.connectionId) ?? r.connectionId;
      if (r.outcome === "error") return [name, "-", "-", "-", "-", `error: ${r.error.message}`];
      return [
        name,
        String(r.members.read),
        String(r.contacts.read),
        String(r.contacts.companies),
        String(r.members.deleted + r.contacts.deleted),
        r.contacts.reconciled + r.members.reconciled > 0
          ? `${r.contacts.mode} (+${r.contacts.reconciled + r.members.reconciled} recount)`
          : r.contacts.mode,
      ];
    }),
  );
}

/** Where export text goes: waits for the stream to drain when it asks to. */
interface Sink {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

type Drainable = { once?: (event: "drain", listener: () => void) => unknown };

function stdoutSink(session: CliSession, redact: (text: string) => string): Sink {
  const out = session.io.stdout;
  return {
    async write(text) {
      const ok = out.write(redact(text));
      const drainable = out as unknown as Drainable;
      if (!ok && typeof drainable.once === "function") {
        await new Promise<void>((resolve) => drainable.once?.("drain", resolve));
      }
    },
    end: async () => undefined,
  };
}

function fileSink(path: string, redact: (text: string) => string): Sink {
  const stream: WriteStream = createWriteStream(path, { encoding: "utf8", mode: 0o600 });
  let failed: unknown;
  stream.on("error", (error) => {
    failed = error;
  });
  const check = () => {
    if (failed !== undefined) {
      const reason = failed instanceof Error ? failed.message : "write error";
      throw new CliError("CWB_ERR_CLI_FILE", `cannot write ${path}: ${reason}`);
    }
  };
  return {
    async write(text) {
      check();
      if (!stream.write(redact(text)))
        await Promise.race([once(stream, "drain"), once(stream, "error")]);
      check();
    },
    async end() {
      check();
      await new Promise<void>((resolve, reject) => {
        stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
      check();
    },
  };
}

/** Lines are gathered into chunks of about this many characters before a write. */
const CHUNK_CHARS = 64 * 1024;

type Format = "json" | "csv" | "human";

function formatOf(session: CliSession, options: InventoryExportOptions): Format {
  const json = session.out.json;
  if (options.csv === true && json && options.output === undefined) {
    throw usageError("give --json or --csv, not both");
  }
  if (options.csv === true) return "csv";
  if (options.output !== undefined) return /\.csv$/i.test(options.output) ? "csv" : "json";
  return json ? "json" : "human";
}

interface ExportSpec<T> {
  readonly key: "members" | "contacts";
  readonly columns: readonly (keyof T & string)[];
  readonly rows: AsyncIterable<T>;
  readonly human: { readonly header: readonly string[]; readonly line: (row: T) => string[] };
}

const WIDTHS = [8, 24, 24, 32, 18, 8];

function humanLine(cells: readonly string[]): string {
  return cells
    .map((cell, i) => {
      const width = WIDTHS[i] ?? 12;
      const clipped = cell.length > width ? `${cell.slice(0, width - 1)}…` : cell;
      return i === cells.length - 1 ? clipped : clipped.padEnd(width);
    })
    .join("  ")
    .trimEnd();
}

async function writeExport<T>(
  session: CliSession,
  options: InventoryExportOptions,
  spec: ExportSpec<T>,
): Promise<CommandResult> {
  const format = formatOf(session, options);
  const engine = await session.engine();
  const redact = (text: string) => session.secrets.redact(engine.secrets.redact(text));
  const sink =
    options.output === undefined ? stdoutSink(session, redact) : fileSink(options.output, redact);
  let buffer = "";
  const emit = async (text: string) => {
    buffer += text;
    if (buffer.length >= CHUNK_CHARS) {
      const chunk = buffer;
      buffer = "";
      await sink.write(chunk);
    }
  };
  let count = 0;
  if (format === "csv") await emit(csvRecord(spec.columns));
  if (format === "json") await emit(`{\n  "${spec.key}": [`);
  if (format === "human") await emit(`${humanLine(spec.human.header)}\n`);
  for await (const row of spec.rows) {
    if (format === "csv") {
      const record = row as Record<string, unknown>;
      await emit(csvRecord(spec.columns.map((c) => record[c] as string | number | boolean | null)));
    } else if (format === "json") {
      await emit(`${count === 0 ? "" : ","}\n    ${JSON.stringify(row)}`);
    } else {
      await emit(`${humanLine(spec.human.line(row))}\n`);
    }
    count += 1;
  }
  if (format === "json") await emit(count === 0 ? `]\n}\n` : `\n  ]\n}\n`);
  if (format === "human" && count === 0) {
    await emit(`no ${spec.key} stored (run: cwbridge inventory refresh)\n`);
  }
  await sink.write(buffer);
  await sink.end();
  if (options.output === undefined) return streamed();
  return result({ file: options.output, format, [spec.key]: count }, [
    `wrote ${count} ${spec.key} to ${options.output} (${format})`,
  ]);
}

const yes = (flag: boolean) => (flag ? "yes" : "");

/**
 * Exports the stored members.
 *
 * @example
 * await inventoryMembers(session, { csv: true, output: "members.csv" });
 */
export async function inventoryMembers(
  session: CliSession,
  options: InventoryExportOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection =
    options.connection === undefined
      ? undefined
      : await resolveConnection(engine.ctx, options.connection);
  const rows = streamMembers(engine.ctx, {
    ...(connection === undefined ? {} : { connectionId: connection.id }),
    includeDeleted: options.deleted === true,
  });
  return writeExport<InventoryMember>(session, options, {
    key: "members",
    columns: MEMBER_COLUMNS,
    rows,
    human: {
      header: ["id", "identifier", "name", "email", "phone", "inactive"],
      line: (m) => [
        String(m.id),
        m.identifier,
        `${m.firstName} ${m.lastName}`.trim(),
        m.email ?? "-",
        m.phone ?? "-",
        m.deleted ? "deleted" : yes(m.inactive),
      ],
    },
  });
}

/**
 * Exports the stored contacts (of one company with `--company`: id, identifier or name).
 *
 * @example
 * await inventoryContacts(session, { company: "AcmeCorp" });
 */
export async function inventoryContacts(
  session: CliSession,
  options: InventoryExportOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection =
    options.connection === undefined
      ? undefined
      : await resolveConnection(engine.ctx, options.connection);
  // The same checks as the use case (bad input changes nothing, before any output).
  await callUseCase(engine.ctx, engine.features.inventory.useCases.contacts, {
    ...(connection === undefined ? {} : { connectionId: connection.id }),
    ...(options.company === undefined ? {} : { company: options.company }),
    limit: 1,
  });
  const rows = streamContacts(
    engine.ctx,
    contactFilter({
      connectionId: connection?.id,
      company: options.company?.trim(),
      includeDeleted: options.deleted,
    }),
  );
  return writeExport<InventoryContact>(session, options, {
    key: "contacts",
    columns: CONTACT_COLUMNS,
    rows,
    human: {
      header: ["id", "company", "name", "email", "phone", "inactive"],
      line: (c) => [
        String(c.id),
        c.companyIdentifier ?? String(c.companyId),
        `${c.firstName} ${c.lastName}`.trim(),
        c.email ?? "-",
        c.phone ?? "-",
        c.deleted ? "deleted" : yes(c.inactive),
      ],
    },
  });
}
