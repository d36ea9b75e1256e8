/**
 * Durability of SQLite commits without blocking the event loop. The connection runs with
 * `synchronous = NORMAL` (a commit writes the WAL but does not fsync it) and a durable write
 * then waits for {@link WalSyncer.sync}: an `fsync` of the WAL file on libuv's thread pool —
 * what `synchronous = FULL` does after each commit, inline (2 ms of a blocked event loop per
 * commit on a virtual disk). Writers that wait at the same time share one fsync (group commit).
 *
 * The WAL is append-only and checksummed frame by frame, so an fsync covers every commit
 * written before it: after a power loss only a suffix of not-yet-synced commits can be lost,
 * never an earlier one. SQLite itself syncs the WAL before a checkpoint and the database file
 * after it (NORMAL mode), so checkpointed data needs nothing from us.
 */
import { open, type FileHandle } from "node:fs/promises";

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ENOENT";
}

/** What the syncer needs of an open file. */
export type SyncableFile = Pick<FileHandle, "sync" | "close">;

/** Opens the WAL for syncing (tests count the fsyncs). */
export type OpenSyncable = (path: string) => Promise<SyncableFile>;

/** Group-commit fsyncs of one WAL file. */
export class WalSyncer {
  readonly #path: string;
  readonly #open: OpenSyncable;
  #handle: SyncableFile | undefined;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  #closed = false;

  /** @param walPath the `-wal` file of the database */
  constructor(walPath: string, openFile: OpenSyncable = (path) => open(path, "r")) {
    this.#path = walPath;
    this.#open = openFile;
  }

  /**
   * Resolves once everything written to the WAL before the call is on disk. A sync already
   * running may have started before the caller's write, so the caller then waits for the next
   * one (shared by everyone who arrives meanwhile).
   *
   * @example
   * db.exec("commit"); await syncer.sync();
   */
  sync(): Promise<void> {
    if (this.#running === undefined) return this.#start();
    const after = this.#running;
    this.#queued ??= after.then(
      () => this.#startQueued(),
      () => this.#startQueued(),
    );
    return this.#queued;
  }

  /** Closes the file handle (after the database is closed). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running?.catch(() => undefined);
    await this.#queued?.catch(() => undefined);
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close();
  }

  #startQueued(): Promise<void> {
    this.#queued = undefined;
    return this.#start();
  }

  #start(): Promise<void> {
    const run = this.#fsync().finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  async #fsync(): Promise<void> {
    if (this.#closed) return;
    if (this.#handle === undefined) {
      try {
        this.#handle = await this.#open(this.#path);
      } catch (error) {
        if (isMissing(error)) return; // no WAL yet: nothing was written
        throw error;
      }
    }
    await this.#handle.sync();
  }
}
