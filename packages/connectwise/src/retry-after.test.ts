import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after.js";

const now = Date.parse("2026-10-21T07:27:00Z");

describe("parseRetryAfter", () => {
  it.each([
    [{ header: "30" }, 30_000],
    [{ header: " 1.5 " }, 1500],
    [{ header: "0" }, 0],
    [{ header: "Wed, 21 Oct 2026 07:28:00 GMT", now }, 60_000],
    [{ header: "Wed, 21 Oct 2026 07:00:00 GMT", now }, 0],
    [{ header: "soon" }, undefined],
    [
      {
        body: {
          error: "ConnectWiseAPI",
          message: "Too many requests. Please try again in 30 seconds.",
        },
      },
      30_000,
    ],
    [{ body: { message: "Please try again in 2 minutes." } }, 120_000],
    [{ body: { message: "try again in 250 ms" } }, 250],
    [{ body: "Too many requests. Please try again in 5 seconds." }, 5000],
    [{ header: "3", body: { message: "try again in 30 seconds" } }, 3000],
    [{ body: { message: "Too many requests." } }, undefined],
    [{}, undefined],
  ])("%j → %s", (input, expected) => {
    expect(parseRetryAfter(input)).toBe(expected);
  });
});
