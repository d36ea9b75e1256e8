import { describe, expect, it } from "vitest";
import { callAsync } from "./call-async.js";

describe("callAsync", () => {
  it("returns the call's own promise", async () => {
    const promise = Promise.resolve(3);
    expect(callAsync(() => promise, 1)).toBe(promise);
    await expect(callAsync((a: number, b: number) => Promise.resolve(a + b), 1, 2)).resolves.toBe(
      3,
    );
  });

  it("turns a synchronous throw into a rejection with the same error", async () => {
    const error = new Error("boom");
    const thrown = (): Promise<never> => {
      throw error;
    };
    await expect(callAsync(thrown, 1)).rejects.toBe(error);
  });
});
