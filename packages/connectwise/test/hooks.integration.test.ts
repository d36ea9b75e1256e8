/**
 * The attempt id of the request hooks against the in-process emulator: identical requests in
 * flight at once get distinct ids, and `before` / `after` / `error` of one attempt share its id
 * (each caller is tagged through an AsyncLocalStorage, which hooks and `fetch` run inside).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import type { RequestInfo, ResponseInfo } from "../src/index.js";
import { apiRequests, demoEmulator, emulatorClient } from "./support/emulator-client.js";

type Seen =
  | { readonly hook: "before"; readonly tag: string | undefined; readonly info: RequestInfo }
  | { readonly hook: "after"; readonly tag: string | undefined; readonly info: ResponseInfo }
  | {
      readonly hook: "error";
      readonly tag: string | undefined;
      readonly info: RequestInfo;
      readonly status: number | undefined;
      readonly requestId: string | undefined;
    };

const FAST = {
  throttle: { ratePerSecond: 10_000, maxConcurrent: 8 },
  retry: { baseDelayMs: 1, sleep: () => Promise.resolve() },
} as const;

/** A client on `emulator` that records every hook call with the caller's tag. */
function recordingClient(
  emulator: ReturnType<typeof demoEmulator>,
  fetch: typeof globalThis.fetch,
) {
  const caller = new AsyncLocalStorage<string>();
  const seen: Seen[] = [];
  const cw = emulatorClient(emulator, {
    ...FAST,
    fetch,
    hooks: {
      before: (info) => void seen.push({ hook: "before", tag: caller.getStore(), info }),
      after: (info) => void seen.push({ hook: "after", tag: caller.getStore(), info }),
      error: (error, info) =>
        void seen.push({
          hook: "error",
          tag: caller.getStore(),
          info,
          status: error.status,
          requestId: error.requestId,
        }),
    },
  });
  return { cw, seen, caller };
}

const idsOf = (seen: readonly Seen[], hook: Seen["hook"], tag?: string): number[] =>
  seen.filter((s) => s.hook === hook && (tag === undefined || s.tag === tag)).map((s) => s.info.id);

describe("RequestInfo.id", () => {
  it("two identical requests in flight at once: distinct ids, before and after of each share one", async () => {
    const emulator = demoEmulator();
    let releaseFirst: () => void = () => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstSent: () => void = () => undefined;
    const firstArrived = new Promise<void>((resolve) => (firstSent = resolve));
    let apiCalls = 0;
    // The first request is held at the door until the second has completed, so the `after`
    // calls come in the reverse order of the `before` calls.
    const { cw, seen, caller } = recordingClient(emulator, async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.includes("/apis/3.0/")) return emulator.fetch(input, init);
      apiCalls += 1;
      if (apiCalls === 1) {
        firstSent();
        await firstHeld;
      }
      return emulator.fetch(input, init);
    });
    await cw.codebase();

    const first = caller.run("first", () => cw.companies.get(250));
    await firstArrived;
    const second = caller.run("second", () => cw.companies.get(250));
    await second;
    releaseFirst();
    await first;

    expect(seen.map((s) => `${s.hook} ${s.tag}`)).toEqual([
      "before first",
      "before second",
      "after second",
      "after first",
    ]);
    const [firstId, secondId] = idsOf(seen, "before");
    expect(firstId).not.toBe(secondId);
    expect(idsOf(seen, "after", "first")).toEqual([firstId]);
    expect(idsOf(seen, "after", "second")).toEqual([secondId]);
    // Identical as far as anything else in the info goes.
    const befores = seen.filter((s) => s.hook === "before").map((s) => s.info);
    expect(befores[0]).toEqual({ ...befores[1], id: firstId });
    expect(befores[0]?.attempt).toBe(1);
    // And the ledger agrees on which exchange each `after` saw.
    const ledger = apiRequests(emulator);
    const afterOf = (tag: string) =>
      seen.find((s) => s.hook === "after" && s.tag === tag)?.info as ResponseInfo;
    expect(afterOf("second").requestId).toBe(ledger[0]?.requestId);
    expect(afterOf("first").requestId).toBe(ledger[1]?.requestId);
  });

  it("a retried request: each attempt gets a new id, its before and error / after share it", async () => {
    const emulator = demoEmulator();
    let apiCalls = 0;
    // The first two attempts are answered with ConnectWise's SQL-timeout 500, the third with 200.
    const { cw, seen } = recordingClient(emulator, (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/apis/3.0/")) {
        apiCalls += 1;
        emulator.setFaults(apiCalls <= 2 ? { serverTimeout: { probability: 1 } } : {});
      }
      return emulator.fetch(input, init);
    });
    expect((await cw.companies.get(250)).id).toBe(250);

    expect(seen.map((s) => `${s.hook} ${s.info.attempt}`)).toEqual([
      "before 1",
      "error 1",
      "before 2",
      "error 2",
      "before 3",
      "after 3",
    ]);
    const ids = idsOf(seen, "before");
    expect(new Set(ids).size).toBe(3);
    expect(idsOf(seen, "error")).toEqual(ids.slice(0, 2));
    expect(idsOf(seen, "after")).toEqual(ids.slice(2));
    const ledger = apiRequests(emulator);
    expect(ledger.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(seen.filter((s) => s.hook === "error").map((s) => s.requestId)).toEqual(
      ledger.slice(0, 2).map((r) => r.requestId),
    );
  });

  it("ids are per client: a second client counts on its own", async () => {
    const emulator = demoEmulator();
    const a = recordingClient(emulator, emulator.fetch);
    const b = recordingClient(emulator, emulator.fetch);
    await a.cw.companies.get(250);
    await a.cw.companies.get(250);
    await b.cw.companies.get(250);
    expect(idsOf(a.seen, "before")).toEqual([1, 2]);
    expect(idsOf(b.seen, "before")).toEqual([1]);
  });
});
