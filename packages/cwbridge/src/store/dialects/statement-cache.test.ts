import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachingDatabase } from "./statement-cache.js";

describe("cachingDatabase", () => {
  let raw: BetterSqlite3.Database;
  beforeEach(() => {
    raw = new BetterSqlite3(":memory:");
    raw.exec("create table t (n integer); insert into t values (1), (2), (3);");
  });
  afterEach(() => {
    if (raw.open) raw.close();
  });

  it("returns the same prepared statement for the same SQL", () => {
    const db = cachingDatabase(raw);
    const a = db.prepare("select n from t order by n");
    expect(db.prepare("select n from t order by n")).toBe(a);
    expect(db.prepare("select n from t where n > 1")).not.toBe(a);
  });

  it("prepares a fresh statement while the cached one is still iterating", () => {
    const db = cachingDatabase(raw);
    const sqlText = "select n from t order by n";
    const streaming = db.prepare(sqlText) as BetterSqlite3.Statement;
    const seen: unknown[] = [];
    for (const row of streaming.iterate()) {
      const again = db.prepare(sqlText) as BetterSqlite3.Statement;
      expect(again).not.toBe(streaming);
      expect(again.all()).toHaveLength(3);
      seen.push(row);
    }
    expect(seen).toHaveLength(3);
    expect(db.prepare(sqlText)).toBe(streaming);
  });

  it("keeps at most `max` statements, dropping the least recently used", () => {
    const db = cachingDatabase(raw, 2);
    const one = db.prepare("select 1");
    const two = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(one); // now the most recent
    db.prepare("select 3"); // drops "select 2"
    expect(db.prepare("select 1")).toBe(one);
    expect(db.prepare("select 2")).not.toBe(two);
  });

  it("closes the database", () => {
    cachingDatabase(raw).close();
    expect(raw.open).toBe(false);
  });
});
