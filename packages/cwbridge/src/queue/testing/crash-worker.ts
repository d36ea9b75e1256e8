/**
 * Test-only child process: claims jobs from a SQLite store and hangs inside the handler,
 * printing `started <id>` so the parent can `kill -9` it mid-job.
 * Usage: node --import tsx crash-worker.ts <sqlite-file> <leaseMs>
 */
import { openStore } from "../../store/open-store.js";
import { createSqliteQueue } from "../sqlite-queue.js";

const [file, lease] = process.argv.slice(2);
if (file === undefined || lease === undefined)
  throw new Error("usage: crash-worker <file> <leaseMs>");
const store = openStore({ kind: "sqlite", file });
const queue = createSqliteQueue(store, { leaseMs: Number(lease) });
await queue.work({
  concurrency: 1,
  pollMs: 20,
  handler: async (job) => {
    process.stdout.write(`started ${job.id}\n`);
    await new Promise(() => {});
  },
});
