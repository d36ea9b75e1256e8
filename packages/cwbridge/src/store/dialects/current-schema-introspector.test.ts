import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../migrate.js";
import {
  openTestStore,
  testDatabaseUrl,
  uniqueName,
  type TestStore,
} from "../testing/test-stores.js";

/** Creates and drops schemas (with a table) on its own connection until stopped. */
async function churnSchemas(stop: () => boolean): Promise<number> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  let rounds = 0;
  try {
    while (!stop()) {
      const name = uniqueName("cwb_churn");
      await client.query(`create schema "${name}"`);
      await client.query(`create table "${name}".t (id serial primary key, v text)`);
      await client.query(`drop schema "${name}" cascade`);
      rounds++;
    }
  } finally {
    await client.end();
  }
  return rounds;
}

describe("PostgreSQL introspection while other sessions create and drop schemas", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore("postgres");
    await migrateToLatest(t.store);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("lists only the store's own tables and never trips over a schema dropped meanwhile", async () => {
    let done = false;
    const churners = [churnSchemas(() => done), churnSchemas(() => done)];
    const errors: unknown[] = [];
    try {
      for (let i = 0; i < 150; i++) {
        await t.store.db.introspection.getTables().catch((error: unknown) => errors.push(error));
        await migrateToLatest(t.store).catch((error: unknown) => errors.push(error));
      }
    } finally {
      done = true;
    }
    const rounds = (await Promise.all(churners)).reduce((a, b) => a + b, 0);
    expect(rounds).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    const tables = await t.store.db.introspection.getTables();
    expect(new Set(tables.map((table) => table.schema)).size).toBe(1);
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(["connections", "jobs", "request_log"]),
    );
    expect(tables.map((table) => table.name)).not.toContain("kysely_migration");
  });
});
