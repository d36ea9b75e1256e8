import { afterEach, describe, expect, it, vi } from "vitest";
import { startDeadline } from "./deadline.js";
import { sendHttp } from "./transport.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("startDeadline", () => {
  it("aborts with the TimeoutError AbortSignal.timeout uses, and reports expiry", async () => {
    vi.useFakeTimers();
    const deadline = startDeadline(50);
    await vi.advanceTimersByTimeAsync(49);
    expect(deadline.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(deadline.expired).toBe(true);
    const reason = deadline.signal.reason as DOMException;
    expect(reason).toBeInstanceOf(DOMException);
    expect(reason.name).toBe("TimeoutError");
    expect(reason.message).toBe("The operation was aborted due to timeout");
  });

  it("never fires once cleared", async () => {
    vi.useFakeTimers();
    const deadline = startDeadline(50);
    deadline.clear();
    await vi.advanceTimersByTimeAsync(100);
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.expired).toBe(false);
  });
});

describe("sendHttp deadline", () => {
  const call = (fetch: typeof globalThis.fetch) => ({
    fetch,
    url: "https://h/v/apis/3.0/x",
    headers: {},
    timeoutMs: 60_000,
    request: { method: "GET" as const, url: "https://h/v/apis/3.0/x" },
    idempotent: true,
  });

  it("leaves no timer behind after a response (AbortSignal.timeout kept one for 60 s)", async () => {
    vi.useFakeTimers();
    const fetch = (async () => Response.json({ id: 1 })) as typeof globalThis.fetch;
    await expect(sendHttp(call(fetch))).resolves.toMatchObject({ data: { id: 1 } });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("leaves no timer behind after a failure", async () => {
    vi.useFakeTimers();
    const fetch = (async () => {
      throw new TypeError("fetch failed");
    }) as typeof globalThis.fetch;
    await expect(sendHttp(call(fetch))).rejects.toMatchObject({ code: "CW_CONNECTION" });
    expect(vi.getTimerCount()).toBe(0);
  });
});
