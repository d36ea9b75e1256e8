/**
 * `cwbridge events [--follow] [--connection c] [--limit n] [--since id] [--outcome o]`: the
 * events log (every ConnectWise request: time, method, path, status, latency, outcome).
 * A table for humans, `{ "events": [...] }` with `--json`. With `--follow` it keeps printing
 * new events until Ctrl-C; `--follow --json` prints one JSON document PER LINE (the one
 * documented exception to "one document per command"). A request is logged `sending` before
 * it leaves: the table shows it as in flight, `--follow` prints it once it completes.
 */
import { callUseCase } from "../../core/use-case.js";
import { followStream, type EventQuery, type EventRow } from "../../features/events/index.js";
import { usageError } from "../cli-error.js";
import { result, streamed, type CommandResult } from "../command-result.js";
import { latencyLabel, outcomeLabel } from "../render/event-outcome.js";
import { table } from "../render/table.js";
import { resolveConnection } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `events`. */
export interface EventsOptions {
  readonly follow?: boolean;
  readonly connection?: string;
  readonly limit?: string;
  readonly since?: string;
  readonly outcome?: string;
  readonly pollMs?: number;
}

/**
 * Prints (or follows) the events log.
 *
 * @example
 * await eventsCommand(session, { limit: "20" });
 */
export async function eventsCommand(
  session: CliSession,
  options: EventsOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection =
    options.connection === undefined
      ? undefined
      : await resolveConnection(engine.ctx, options.connection);
  const query: EventQuery = {
    ...(connection === undefined ? {} : { connectionId: connection.id }),
    ...(options.limit === undefined ? {} : { limit: integer("--limit", options.limit) }),
    ...(options.since === undefined ? {} : { sinceId: integer("--since", options.since) }),
    ...(options.outcome === undefined
      ? {}
      : { outcome: options.outcome as NonNullable<EventQuery["outcome"]> }),
  };
  if (options.follow !== true) {
    const events = await callUseCase(engine.ctx, engine.features.events.useCases.query, query);
    return result({ events }, eventLines(events));
  }
  const signal = session.io.signal ?? new AbortController().signal;
  const { limit: _limit, ...filters } = query;
  const stream = await callUseCase(engine.ctx, engine.features.events.useCases.follow, {
    ...filters,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
  });
  session.out.note("following the events log (Ctrl-C to stop)…");
  await followStream(stream, (event) => session.out.stream(event, eventLine(event)), signal);
  return streamed();
}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw usageError(`${flag} must be a non-negative integer`);
  return Number(value);
}

function eventLines(events: readonly EventRow[]): string[] {
  if (events.length === 0) return ["no events"];
  return table(
    ["id", "at", "method", "path", "status", "ms", "outcome"],
    events.map((e) => [
      String(e.id),
      e.at,
      e.method,
      shortPath(e.path),
      e.status === null ? "-" : String(e.status),
      latencyLabel(e),
      outcomeLabel(e),
    ]),
  );
}

function eventLine(e: EventRow): string {
  return `${e.id}  ${e.at}  ${e.method} ${shortPath(e.path)}  ${e.status ?? "-"}  ${latencyLabel(e)} ms  ${outcomeLabel(e)}`;
}

/** Paths are shown without their query past 80 characters (`--json` has them whole). */
function shortPath(path: string): string {
  return path.length <= 80 ? path : `${path.slice(0, 79)}…`;
}
