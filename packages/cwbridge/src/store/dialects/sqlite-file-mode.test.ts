/**
 * The SQLite database file and its `-wal` / `-shm` are 0600 while the store is open (they hold
 * every encrypted secret), a missing directory is created 0700, whatever the umask; files an
 * older version left 0644 are tightened on open.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../open-store.js";
import { migrateToLatest } from "../migrate.js";

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe("SQLite file modes", () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "cwb-sqlite-mode-"));
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the database, -wal and -shm 0600 in a 0700 directory; tightens old files", async () => {
    const file = join(dir, "nested", "cwbridge.db");
    const first = openStore({ kind: "sqlite", file });
    try {
      await migrateToLatest(first);
      expect([file, `${file}-wal`, `${file}-shm`].map(modeOf)).toEqual(["600", "600", "600"]);
      expect(modeOf(join(dir, "nested"))).toBe("700");
      // What an older version left: the same files, 0644.
      for (const path of [file, `${file}-wal`, `${file}-shm`]) chmodSync(path, 0o644);
      const second = openStore({ kind: "sqlite", file });
      try {
        await migrateToLatest(second);
        expect([file, `${file}-wal`, `${file}-shm`].map(modeOf)).toEqual(["600", "600", "600"]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
