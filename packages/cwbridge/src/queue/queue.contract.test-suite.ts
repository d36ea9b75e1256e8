/**
 * The ONE contract suite of the `JobQueue` port. Every adapter's test file calls
 * `runQueueContract(name, makeHarness)`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/open-store.js";
import type { Job, JobQueue, WorkerHandle, WorkOptions } from "./port.js";

/** What an adapter gives the contract suite. */
export interface QueueHarness {
  readonly queue: JobQueue;
  /** The store the queue writes to (for outbox transactions). */
  readonly store: Store;
  /** Makes a pending job look like it was claimed by a worker that died long ago. */
  simulateCrashedWorker(jobId: string): Promise<void>;
  /** Upper bound for a retry to become due after one or two failures (adapter backoff). */
  readonly retryWaitMs: number;
  cleanup(): Promise<void>;
}

/** A promise with its resolver, to hold a handler until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

/** Runs the contract against `makeHarness` (a fresh, isolated queue per test). */
export function runQueueContract(name: string, makeHarness: () => Promise<QueueHarness>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let h: QueueHarness;
    let workers: WorkerHandle[];
    const kinds = ["a", "b", "bulk", "alert"];
    const start = async (options: Partial<WorkOptions> & Pick<WorkOptions, "handler">) => {
      const w = await h.queue.work({ kinds, concurrency: 1, pollMs: 20, ...options });
      workers.push(w);
      return w;
    };
    const drain = () => h.queue.drain({ timeoutMs: h.retryWaitMs * 3 + 10_000 });

    beforeEach(async () => {
      h = await makeHarness();
      workers = [];
    });
    afterEach(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await h.cleanup();
    });

    it("runs enqueued jobs with their payload, then forgets them", async () => {
      const seen: Job[] = [];
      const id = await h.queue.enqueue({ kind: "a", payload: { n: 1 } });
      await h.queue.enqueue({ kind: "b", payload: [1, "two"], queue: "q1", maxAttempts: 3 });
      expect(await h.queue.stats()).toEqual({ pending: 2, running: 0, failed: 0 });
      expect(await h.queue.getJob(id)).toMatchObject({ status: "pending", kind: "a", attempts: 0 });
      await start({ concurrency: 2, handler: async (job) => void seen.push(job) });
      await drain();
      expect(seen.map((j) => [j.kind, j.payload, j.attempts]).sort()).toEqual([
        ["a", { n: 1 }, 1],
        ["b", [1, "two"], 1],
      ]);
      expect(seen.find((j) => j.kind === "b")).toMatchObject({
        queue: "q1",
        maxAttempts: 3,
        key: null,
      });
      expect(await h.queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
      expect(await h.queue.getJob(id)).toBeUndefined();
    });

    it("runs only the kinds a worker asked for", async () => {
      const seen: string[] = [];
      await h.queue.enqueue({ kind: "a", payload: null });
      await h.queue.enqueue({ kind: "b", payload: null });
      await start({ kinds: ["b"], handler: async (job) => void seen.push(job.kind) });
      await until(() => seen.length === 1);
      await sleep(150);
      expect(seen).toEqual(["b"]);
      expect((await h.queue.stats()).pending).toBe(1);
    });

    it("runs a priority-0 job before the remaining priority-10 jobs", async () => {
      const order: string[] = [];
      const hold = gate();
      for (let i = 0; i < 20; i++)
        await h.queue.enqueue({ kind: "bulk", payload: i, priority: 10 });
      await start({
        handler: async (job) => {
          order.push(job.kind === "alert" ? "alert" : `bulk${String(job.payload)}`);
          if (order.length === 1) await hold.promise;
        },
      });
      await until(() => order.length === 1);
      await h.queue.enqueue({ kind: "alert", payload: "fire", priority: 0 });
      hold.open();
      await drain();
      expect(order).toHaveLength(21);
      expect(order[0]).toBe("bulk0");
      expect(order[1]).toBe("alert");
      expect(order.slice(2)).toEqual(Array.from({ length: 19 }, (_, i) => `bulk${i + 1}`));
    });

    it("runs `concurrency` jobs at once, never more", async () => {
      const hold = gate();
      const live = { now: 0, max: 0 };
      for (let i = 0; i < 12; i++) await h.queue.enqueue({ kind: "a", payload: i });
      await start({
        concurrency: 4,
        handler: async () => {
          live.max = Math.max(live.max, ++live.now);
          await hold.promise;
          live.now--;
        },
      });
      await until(() => live.now === 4);
      await sleep(100); // a fifth would have been claimed by now
      expect(live.max).toBe(4);
      hold.open();
      await drain();
      expect(live.max).toBe(4);
    });

    it("with several jobs at once, claims every due alert before any bulk job", async () => {
      const order: string[] = [];
      for (let i = 0; i < 8; i++) await h.queue.enqueue({ kind: "bulk", payload: i, priority: 10 });
      for (let i = 0; i < 6; i++) await h.queue.enqueue({ kind: "alert", payload: i, priority: 0 });
      await start({
        concurrency: 4,
        handler: async (job) => {
          order.push(job.kind);
          await sleep(20);
        },
      });
      await drain();
      expect(order).toHaveLength(14);
      expect(order.slice(0, 6)).toEqual(Array.from({ length: 6 }, () => "alert"));
    });

    it("does not run a job before its runAt", async () => {
      const seen: number[] = [];
      const runAt = new Date(Date.now() + 400);
      const id = await h.queue.enqueue({ kind: "a", payload: 1, runAt });
      expect((await h.queue.getJob(id))?.runAt.getTime()).toBe(runAt.getTime());
      await start({ handler: async () => void seen.push(Date.now()) });
      await drain();
      expect(seen).toHaveLength(1);
      expect(seen[0]).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it("retries a failing job, then succeeds", async () => {
      const attempts: number[] = [];
      const id = await h.queue.enqueue({ kind: "a", payload: null, maxAttempts: 3 });
      await start({
        handler: async (job) => {
          attempts.push(job.attempts);
          if (job.attempts === 1) throw new Error("transient");
        },
      });
      await until(() => attempts.length === 1);
      const between = await h.queue.getJob(id);
      if (between?.status === "pending") {
        expect(between.lastError).toContain("transient");
        expect(between.runAt.getTime()).toBeGreaterThan(Date.now() - 1000);
      }
      await drain();
      expect(attempts).toEqual([1, 2]);
      expect(await h.queue.getJob(id)).toBeUndefined();
    });

    it("dead-letters a job after maxAttempts, with its last error", async () => {
      let calls = 0;
      const id = await h.queue.enqueue({ kind: "a", payload: null, maxAttempts: 2 });
      await start({
        handler: async (job) => {
          calls++;
          throw new Error(`nope ${job.attempts}`);
        },
      });
      await drain();
      expect(calls).toBe(2);
      expect(await h.queue.stats()).toEqual({ pending: 0, running: 0, failed: 1 });
      const info = await h.queue.getJob(id);
      expect(info).toMatchObject({ status: "failed", attempts: 2, maxAttempts: 2 });
      expect(info?.lastError).toContain("nope 2");
    });

    it("dedupes pending jobs by key: the latest enqueue wins", async () => {
      const seen: unknown[] = [];
      const first = await h.queue.enqueue({ kind: "a", payload: { v: 1 }, key: "k1" });
      const second = await h.queue.enqueue({ kind: "a", payload: { v: 2 }, key: "k1" });
      await h.queue.enqueue({ kind: "a", payload: { v: 3 }, key: "other" });
      expect(second).toBe(first);
      expect((await h.queue.stats()).pending).toBe(2);
      expect(await h.queue.getJob(first)).toMatchObject({ payload: { v: 2 }, key: "k1" });
      await start({ handler: async (job) => void seen.push(job.payload) });
      await drain();
      expect(seen).toHaveLength(2);
      expect(seen).toEqual(expect.arrayContaining([{ v: 2 }, { v: 3 }]));
    });

    it("creates a new job when the keyed job is already running", async () => {
      const seen: unknown[] = [];
      const hold = gate();
      const first = await h.queue.enqueue({ kind: "a", payload: 1, key: "k2" });
      await start({
        handler: async (job) => {
          seen.push(job.payload);
          if (job.payload === 1) await hold.promise;
        },
      });
      await until(() => seen.length === 1);
      const second = await h.queue.enqueue({ kind: "a", payload: 2, key: "k2" });
      expect(second).not.toBe(first);
      hold.open();
      await drain();
      expect(seen).toEqual([1, 2]);
    });

    it("never overlaps two jobs of the same queue, but runs other jobs alongside", async () => {
      const active = new Map<string, number>();
      const maxActive = new Map<string, number>();
      for (let i = 0; i < 6; i++) await h.queue.enqueue({ kind: "a", payload: i, queue: "k" });
      for (let i = 0; i < 3; i++) await h.queue.enqueue({ kind: "b", payload: i });
      await start({
        concurrency: 4,
        handler: async (job) => {
          const q = job.queue ?? "none";
          active.set(q, (active.get(q) ?? 0) + 1);
          maxActive.set(q, Math.max(maxActive.get(q) ?? 0, active.get(q)!));
          await sleep(80);
          active.set(q, active.get(q)! - 1);
        },
      });
      await drain();
      expect(maxActive.get("k")).toBe(1);
      expect(maxActive.get("none")).toBeGreaterThan(1);
    });

    it("gives each job to exactly one of several workers, keeping queues serial", async () => {
      const runs = new Map<number, number>();
      const serial = { active: 0, max: 0 };
      for (let i = 0; i < 30; i++) {
        await h.queue.enqueue(
          i % 3 === 0 ? { kind: "a", payload: i, queue: "k" } : { kind: "a", payload: i },
        );
      }
      const handler = async (job: Job) => {
        const n = job.payload as number;
        runs.set(n, (runs.get(n) ?? 0) + 1);
        if (job.queue === "k") serial.max = Math.max(serial.max, ++serial.active);
        await sleep(5);
        if (job.queue === "k") serial.active--;
      };
      await start({ concurrency: 3, handler });
      await start({ concurrency: 3, handler });
      await drain();
      expect([...runs.keys()].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 30 }, (_, i) => i),
      );
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(serial.max).toBe(1);
    });

    it("writes the job inside the caller's transaction (outbox)", async () => {
      await expect(
        h.store.transaction(async (tx) => {
          await tx
            .insertInto("kv")
            .values({ tenant: "default", key: "outbox", value: "rolled back" })
            .execute();
          await h.queue.enqueue({ kind: "a", payload: "lost" }, tx);
          throw new Error("rollback");
        }),
      ).rejects.toThrow("rollback");
      expect(await h.queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
      await h.store.transaction(async (tx) => {
        await tx
          .insertInto("kv")
          .values({ tenant: "default", key: "outbox", value: "committed" })
          .execute();
        await h.queue.enqueue({ kind: "a", payload: "kept" }, tx);
      });
      const seen: unknown[] = [];
      await start({ handler: async (job) => void seen.push(job.payload) });
      await drain();
      expect(seen).toEqual(["kept"]);
    });

    it("stop() waits for running jobs to finish", async () => {
      let started = false;
      let finished = false;
      const id = await h.queue.enqueue({ kind: "a", payload: null });
      const worker = await start({
        handler: async () => {
          started = true;
          await sleep(300);
          finished = true;
        },
      });
      await until(() => started);
      await worker.stop();
      expect(finished).toBe(true);
      expect(await h.queue.getJob(id)).toBeUndefined();
      await h.queue.enqueue({ kind: "a", payload: "after stop" });
      await sleep(150);
      expect((await h.queue.stats()).pending).toBe(1);
    });

    it("counts a job whose runAt is ahead as waiting, not due: the queue is idle", async () => {
      const later = await h.queue.enqueue({
        kind: "a",
        payload: "later",
        runAt: new Date(Date.now() + 3_600_000),
      });
      expect(await h.queue.load()).toEqual({
        pending: 1,
        due: 0,
        waiting: 1,
        running: 0,
        failed: 0,
      });
      expect(await h.queue.idle()).toBe(true);
      await h.queue.enqueue({ kind: "a", payload: "now" });
      expect(await h.queue.load()).toEqual({
        pending: 2,
        due: 1,
        waiting: 1,
        running: 0,
        failed: 0,
      });
      expect(await h.queue.idle()).toBe(false);
      expect(await h.queue.getJob(later)).toMatchObject({ status: "pending" });
    });

    it("counts a waiting job as due once its runAt has come", async () => {
      const runAt = new Date(Date.now() + 300);
      await h.queue.enqueue({ kind: "a", payload: null, runAt });
      expect(await h.queue.load()).toMatchObject({ due: 0, waiting: 1 });
      await sleep(Math.max(0, runAt.getTime() - Date.now()) + 100);
      expect(await h.queue.load()).toMatchObject({ pending: 1, due: 1, waiting: 0 });
      expect(await h.queue.idle()).toBe(false);
    });

    it("is busy while a job runs and idle once the queue is drained", async () => {
      const hold = gate();
      let started = false;
      await h.queue.enqueue({ kind: "a", payload: null });
      await start({
        handler: async () => {
          started = true;
          await hold.promise;
        },
      });
      await until(() => started);
      expect(await h.queue.load()).toEqual({
        pending: 0,
        due: 0,
        waiting: 0,
        running: 1,
        failed: 0,
      });
      expect(await h.queue.idle()).toBe(false);
      hold.open();
      await drain();
      expect(await h.queue.idle()).toBe(true);
      expect(await h.queue.load()).toEqual({
        pending: 0,
        due: 0,
        waiting: 0,
        running: 0,
        failed: 0,
      });
    });

    it("does not let failed jobs keep the queue busy", async () => {
      await h.queue.enqueue({ kind: "a", payload: null, maxAttempts: 1 });
      await start({
        handler: async () => {
          throw new Error("dead on arrival");
        },
      });
      await drain();
      expect(await h.queue.load()).toEqual({
        pending: 0,
        due: 0,
        waiting: 0,
        running: 0,
        failed: 1,
      });
      expect(await h.queue.idle()).toBe(true);
    });

    it("reports the same counts in stats() as in load()", async () => {
      await h.queue.enqueue({ kind: "a", payload: 1, runAt: new Date(Date.now() + 3_600_000) });
      await h.queue.enqueue({ kind: "a", payload: 2 });
      const { due, waiting, ...stats } = await h.queue.load();
      expect([due, waiting]).toEqual([1, 1]);
      expect(await h.queue.stats()).toEqual(stats);
    });

    it("lists unfinished jobs oldest first, by status, up to a limit", async () => {
      const hold = gate();
      let started = false;
      const dead = await h.queue.enqueue({ kind: "a", payload: "dead", maxAttempts: 1 });
      await start({
        kinds: ["a"],
        handler: async () => {
          throw new Error("gone");
        },
      });
      await until(async () => (await h.queue.getJob(dead))?.status === "failed");
      const busy = await h.queue.enqueue({ kind: "b", payload: { n: 1 }, queue: "q1" });
      await start({
        kinds: ["b"],
        handler: async () => {
          started = true;
          await hold.promise;
        },
      });
      await until(() => started);
      const later = await h.queue.enqueue({
        kind: "bulk",
        payload: [2],
        key: "k",
        runAt: new Date(Date.now() + 3_600_000),
      });
      try {
        const all = await h.queue.listJobs();
        expect(all.map((j) => [j.id, j.status])).toEqual([
          [dead, "failed"],
          [busy, "running"],
          [later, "pending"],
        ]);
        expect(all[0]).toMatchObject({
          kind: "a",
          payload: "dead",
          lastError: expect.stringContaining("gone"),
        });
        expect(all[1]).toMatchObject({ kind: "b", payload: { n: 1 }, queue: "q1", attempts: 1 });
        expect(all[2]).toMatchObject({ kind: "bulk", payload: [2], key: "k", attempts: 0 });
        expect((await h.queue.listJobs({ status: ["failed"] })).map((j) => j.id)).toEqual([dead]);
        expect(
          (await h.queue.listJobs({ status: ["pending", "running"] })).map((j) => j.id),
        ).toEqual([busy, later]);
        expect((await h.queue.listJobs({ limit: 1 })).map((j) => j.id)).toEqual([dead]);
        expect(await h.queue.listJobs({ status: [] })).toEqual([]);
        await expect(h.queue.listJobs({ limit: 0 })).rejects.toMatchObject({
          code: "CWB_ERR_QUEUE_INVALID_JOB",
        });
      } finally {
        hold.open();
      }
    });

    it("runs again a job whose worker died (expired lease)", async () => {
      const seen: Job[] = [];
      const id = await h.queue.enqueue({ kind: "a", payload: "again", maxAttempts: 5 });
      await h.simulateCrashedWorker(id);
      expect(await h.queue.getJob(id)).toMatchObject({ status: "running", attempts: 1 });
      await start({ handler: async (job) => void seen.push(job) });
      await drain();
      expect(seen.map((j) => [j.payload, j.attempts])).toEqual([["again", 2]]);
    });
  });
}
