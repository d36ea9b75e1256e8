/**
 * Group commit of one client's events-log writes: the `sending` inserts and the completion
 * updates of concurrent attempts share one transaction (one commit) instead of one each.
 *
 * No timer: a write that arrives while no flush is running starts one at once; every write
 * that arrives while a flush waits for the store's connection or runs its transaction joins
 * the next flush, which starts as soon as the current one has committed. Alone, an attempt
 * waits exactly as long as it did with a transaction of its own; under load, K attempts in
 * flight share commits (SQLite has one connection, so waiting writes queue anyway).
 *
 * The guarantees are those of one transaction per write, because every caller still awaits
 * its own write's commit:
 * - a `sending` row is committed before its attempt leaves (the caller awaits `begin`);
 * - a guarded write (POST/PUT/PATCH/DELETE) is checked against the enable toggle in the
 *   transaction that inserts its `sending` row (read once per flush, before any insert: every
 *   guarded write of the flush gets the same answer, ordered with a toggle committed by any
 *   process); while disabled it gets a `planned` row and {@link REFUSED} instead;
 * - a completion is committed before the attempt's result returns (the caller awaits
 *   `finish`), so at a crash the rows left `sending` are the attempts in flight, at most one
 *   per throttle slot.
 *
 * A failed flush is retried write by write, each in its own transaction, so one bad write
 * (e.g. a row that cannot be inserted) fails only its own caller.
 */
import type { Kysely } from "kysely";
import {
  appendRequestLog,
  beginRequestLog,
  finishRequestLog,
  type RequestFinish,
  type RequestLogEntry,
  type RequestStart,
} from "../store/request-log.js";
import type { Database } from "../store/schema.js";

/** Runs one events-log write in one transaction (see `EventsLogWriter`). */
export type BatchWriter = <T>(fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

/** What `begin` returns for a guarded write while the connection is disabled (nothing may be sent). */
export const REFUSED = Symbol("refused");

/** Dependencies of {@link createEventsLogBatch}. */
export interface EventsLogBatchDeps {
  readonly write: BatchWriter;
  /** The enable toggle, read on the flush's transaction when it holds a guarded write. */
  readonly isEnabled: (db: Kysely<Database>) => Promise<boolean>;
}

/** One client's events-log writes, group-committed. */
export interface EventsLogBatch {
  /**
   * Inserts an attempt's `sending` row; resolves with its id once committed. `guarded`: a
   * write, checked against the enable toggle in the same transaction ({@link REFUSED} while
   * disabled, after a `planned` row).
   */
  begin(start: RequestStart, guarded: boolean): Promise<number | typeof REFUSED>;
  /** Records an attempt's result on its row; resolves once committed. */
  finish(id: number, result: RequestFinish): Promise<void>;
}

type Op =
  | { readonly kind: "begin"; readonly start: RequestStart; readonly guarded: boolean }
  | { readonly kind: "finish"; readonly id: number; readonly result: RequestFinish };

type OpResult = number | typeof REFUSED | undefined;

interface Queued {
  readonly op: Op;
  readonly resolve: (value: OpResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The group-committing writer of one client's events log.
 *
 * @example
 * const batch = createEventsLogBatch({ write: (fn) => db.transaction().execute(fn), isEnabled });
 * const id = await batch.begin(start, true);
 */
export function createEventsLogBatch(deps: EventsLogBatchDeps): EventsLogBatch {
  let queued: Queued[] = [];
  let flushing = false;

  const flush = async (): Promise<void> => {
    flushing = true;
    try {
      while (queued.length > 0) await flushOnce();
    } finally {
      flushing = false;
    }
  };

  /** One transaction over every write queued when it got the connection. */
  const flushOnce = async (): Promise<void> => {
    let batch: Queued[] = [];
    try {
      const results = await deps.write((db) => {
        batch = queued;
        queued = [];
        return apply(
          db,
          batch.map((q) => q.op),
          deps.isEnabled,
        );
      });
      batch.forEach((q, i) => q.resolve(results[i]));
    } catch (error) {
      if (batch.length <= 1) batch.forEach((q) => q.reject(error));
      else await Promise.all(batch.map((q) => alone(q)));
      if (batch.length === 0) queued.splice(0).forEach((q) => q.reject(error));
    }
  };

  const alone = async (q: Queued): Promise<void> => {
    try {
      const [result] = await deps.write((db) => apply(db, [q.op], deps.isEnabled));
      q.resolve(result);
    } catch (error) {
      q.reject(error);
    }
  };

  const enqueue = (op: Op): Promise<OpResult> =>
    new Promise<OpResult>((resolve, reject) => {
      queued.push({ op, resolve, reject });
      if (!flushing) void flush();
    });

  return {
    begin: async (start, guarded) => {
      const result = await enqueue({ kind: "begin", start, guarded });
      if (result === undefined) throw new Error("events log: begin returned no row id");
      return result;
    },
    finish: async (id, result) => {
      await enqueue({ kind: "finish", id, result });
    },
  };
}

/** Applies the writes in order on one transaction; the enable flag is read first, once. */
async function apply(
  db: Kysely<Database>,
  ops: readonly Op[],
  isEnabled: (db: Kysely<Database>) => Promise<boolean>,
): Promise<OpResult[]> {
  const guarded = ops.some((op) => op.kind === "begin" && op.guarded);
  const enabled = guarded ? await isEnabled(db) : true;
  const results: OpResult[] = [];
  for (const op of ops) {
    if (op.kind === "finish") {
      await finishRequestLog(db, op.id, op.result);
      results.push(undefined);
    } else if (op.guarded && !enabled) {
      await appendRequestLog(db, [plannedRow(op.start)]);
      results.push(REFUSED);
    } else {
      results.push(await beginRequestLog(db, op.start));
    }
  }
  return results;
}

/** The `planned` row of a write refused because the connection is disabled (never attempted). */
function plannedRow(start: RequestStart): RequestLogEntry {
  return {
    at: start.at,
    connectionId: start.connectionId,
    jobId: start.jobId,
    method: start.method,
    path: start.path,
    status: null,
    latencyMs: 0,
    attempt: 0,
    outcome: "planned",
    errorCode: "CWB_ERR_CONNECTION_DISABLED",
    cwRequestId: null,
  };
}
