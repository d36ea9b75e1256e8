import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WalSyncer, type SyncableFile } from "./wal-sync.js";

/** A file whose fsyncs are counted and finish only when the test lets them. */
function heldFile() {
  const pending: (() => void)[] = [];
  const file: SyncableFile & { syncs: number } = {
    syncs: 0,
    sync: () =>
      new Promise<void>((resolve) => {
        file.syncs++;
        pending.push(resolve);
      }),
    close: async () => undefined,
  };
  const finishOne = async () => {
    while (pending.length === 0) await new Promise((r) => setTimeout(r, 1));
    pending.shift()?.();
    await new Promise((r) => setTimeout(r, 1));
  };
  return { file, finishOne };
}

describe("WalSyncer", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("shares one fsync between writers that wait while none is running", async () => {
    const { file, finishOne } = heldFile();
    const syncer = new WalSyncer("db-wal", async () => file);
    const waits = [syncer.sync(), syncer.sync(), syncer.sync()];
    await finishOne(); // the first sync; the two others arrived while it ran
    await finishOne(); // one more sync, shared by both
    await Promise.all(waits);
    expect(file.syncs).toBe(2);
  });

  it("makes a writer that arrives during a sync wait for the next one", async () => {
    const { file, finishOne } = heldFile();
    const syncer = new WalSyncer("db-wal", async () => file);
    let early = false;
    let late = false;
    void syncer.sync().then(() => (early = true));
    await new Promise((r) => setTimeout(r, 5));
    void syncer.sync().then(() => (late = true)); // wrote after the first fsync started
    await finishOne();
    expect([early, late]).toEqual([true, false]);
    await finishOne();
    expect(late).toBe(true);
    expect(file.syncs).toBe(2);
  });

  it("passes an fsync error to the writers waiting for it, and syncs again next time", async () => {
    let fail = true;
    const file: SyncableFile = {
      sync: async () => {
        if (fail) throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
      },
      close: async () => undefined,
    };
    const syncer = new WalSyncer("db-wal", async () => file);
    await expect(syncer.sync()).rejects.toThrow("EIO");
    fail = false;
    await expect(syncer.sync()).resolves.toBeUndefined();
  });

  it("syncs a real WAL file, and does nothing while there is none", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwb-wal-"));
    dirs.push(dir);
    const syncer = new WalSyncer(join(dir, "db-wal"));
    await expect(syncer.sync()).resolves.toBeUndefined();
    writeFileSync(join(dir, "db-wal"), "frames");
    await expect(syncer.sync()).resolves.toBeUndefined();
    await syncer.close();
  });
});
