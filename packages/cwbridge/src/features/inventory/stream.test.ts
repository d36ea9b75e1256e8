/**
 * Streaming exports: 50,000 stored contacts stream through the keyset iterator into a CSV file
 * in pages, every row once, in order, with bounded memory (a loose heap check: the growth while
 * streaming stays well under what holding every row would take).
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { csvRecord } from "../../lib/csv-write.js";
import { CONTACT_COLUMNS } from "./records.js";
import { upsertContacts, type ContactValues } from "./repository.js";
import { streamContacts, STREAM_PAGE } from "./stream.js";

const TOTAL = 50_000;

describe("inventory streaming export", () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ seed: "empty" });
    dir = mkdtempSync(join(tmpdir(), "cwb-inv-"));
    const now = new Date().toISOString();
    const rows: ContactValues[] = [];
    for (let i = 1; i <= TOTAL; i += 1) {
      rows.push({
        connection_id: t.connectionId,
        cw_id: i,
        company_id: 1000 + (i % 500),
        company_identifier: `Company${i % 500}`,
        company_name: `Company ${i % 500}, Inc.`,
        first_name: `First${i}`,
        last_name: `Last "${i}"`,
        title: "Engineer",
        email: `user${i}@company${i % 500}.example`,
        phone: `+1 555-${String(i).padStart(6, "0")}`,
        inactive: i % 10 === 0 ? 1 : 0,
        cw_last_updated: now,
        seen_at: now,
        updated_at: now,
      });
    }
    await t.ctx.scope.transaction(async (tx) => upsertContacts(tx, rows));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("streams 50,000 contacts to CSV, each once and in order, in bounded memory", async () => {
    const file = join(dir, "contacts.csv");
    const out = createWriteStream(file);
    out.write(csvRecord(CONTACT_COLUMNS));
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let n = 0;
    let last = 0;
    let ordered = true;
    for await (const contact of streamContacts(t.ctx, {})) {
      if (contact.id <= last) ordered = false;
      last = contact.id;
      n += 1;
      const record = contact as unknown as Record<string, string | number | boolean | null>;
      if (!out.write(csvRecord(CONTACT_COLUMNS.map((c) => record[c])))) await once(out, "drain");
      if (n % STREAM_PAGE === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    await new Promise<void>((resolve) => out.end(resolve));
    expect(n).toBe(TOTAL);
    expect(ordered).toBe(true);
    // Holding 50,000 records costs well over 40 MB of heap; a page at a time stays far below.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
    const lines = readFileSync(file, "utf8").split("\r\n");
    expect(lines).toHaveLength(TOTAL + 2); // header + rows + the empty piece after the last CRLF
    expect(lines[1]).toContain('"Last ""1"""');
    expect(lines[1]).toContain("+1 555-000001");
  }, 120_000);
});
