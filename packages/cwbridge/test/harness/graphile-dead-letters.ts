/**
 * Test-only oracle: graphile-worker's dead letters. `lostEvents` reads the SQL queue's `jobs`
 * table; on a PostgreSQL world the queue is graphile-worker, whose failed jobs (out of
 * attempts, not locked) stay in `<schema>._private_jobs`. Same wording as `lostEvents`.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../src/store/schema.js";

/**
 * One violation per dead-lettered graphile job; none when there is no graphile schema.
 *
 * @example
 * expect(await graphileDeadLetters(db, world.graphileSchema)).toEqual([]);
 */
export async function graphileDeadLetters(
  db: Kysely<Database>,
  schema: string | undefined,
): Promise<string[]> {
  if (schema === undefined) return [];
  const { rows } = await sql<{ id: string; identifier: string; last_error: string | null }>`
    select j.id::text as id, t.identifier, j.last_error
    from ${sql.table(`${schema}._private_jobs`)} j
    join ${sql.table(`${schema}._private_tasks`)} t on t.id = j.task_id
    where j.locked_at is null and j.attempts >= j.max_attempts
    order by j.id`.execute(db);
  return rows.map((j) => `job ${j.id} (${j.identifier}) dead-lettered: ${j.last_error ?? ""}`);
}
