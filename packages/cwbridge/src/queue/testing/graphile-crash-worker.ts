/**
 * Test-only child process: a graphile-worker queue on a PostgreSQL store takes jobs of kind
 * `a` and hangs inside the handler, printing `started <id>` so the parent can `kill -9` it
 * mid-job. Usage: node --import tsx graphile-crash-worker.ts <store-url> <graphile-schema>
 */
import { openStore } from "../../store/open-store.js";
import { createGraphileQueue } from "../graphile-queue.js";

const [url, schema] = process.argv.slice(2);
if (url === undefined || schema === undefined)
  throw new Error("usage: graphile-crash-worker <store-url> <graphile-schema>");
const store = openStore({ kind: "postgres", url });
const queue = createGraphileQueue(store, { url, schema });
await queue.work({
  kinds: ["a"],
  concurrency: 1,
  pollMs: 20,
  handler: async (job) => {
    process.stdout.write(`started ${job.id}\n`);
    await new Promise(() => {});
  },
});
