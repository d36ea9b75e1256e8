import { describe, expect, it, vi } from "vitest";
import { createConnectWiseCore } from "./client.js";
import type { AttemptErrorInfo } from "./hooks.js";

const GAVE_UP = { willRetry: false, reason: "not-retryable", retryCount: 0 } as const;

function core(warn = vi.fn()) {
  const seen: AttemptErrorInfo[] = [];
  const client = createConnectWiseCore({
    site: "https://api-na.myconnectwise.net",
    companyId: "acme",
    publicKey: "pub",
    privateKey: "priv",
    clientId: "client",
    codebase: "v2025_1/",
    log: { warn },
    fetch: async () => Response.json({ message: "no" }, { status: 403 }),
    hooks: { error: (_error, info) => void seen.push(info) },
  });
  return { client, seen, warn };
}

describe("hook.noteError: plugins' notes on a failed attempt", () => {
  it("shows the notes and the attempt's idempotency to the error hook", async () => {
    const { client, seen } = core();
    const annotate = vi.fn(() => ({ retry: GAVE_UP }));
    client.hook.noteError(annotate);
    await expect(client.request("POST", "/c", { body: {} })).rejects.toMatchObject({
      code: "CW_PERMISSION",
    });
    expect(seen).toEqual([
      expect.objectContaining({
        id: 1,
        method: "POST",
        attempt: 1,
        idempotent: false,
        retry: GAVE_UP,
      }),
    ]);
    expect(annotate).toHaveBeenCalledWith(
      expect.objectContaining({ code: "CW_PERMISSION" }),
      expect.objectContaining({ method: "POST", path: "/c", attempt: 1 }),
    );
  });

  it("logs and skips an annotator that throws; the request fails with its own error", async () => {
    const { client, seen, warn } = core();
    client.hook.noteError(() => {
      throw new Error("annotator broke");
    });
    client.hook.noteError(() => ({ retry: GAVE_UP }));
    await expect(client.request("GET", "/c")).rejects.toMatchObject({ code: "CW_PERMISSION" });
    expect(seen[0]).toMatchObject({ idempotent: true, retry: GAVE_UP });
    expect(warn).toHaveBeenCalledWith("connectwise: an error annotator failed", {
      error: "annotator broke",
    });
  });
});
