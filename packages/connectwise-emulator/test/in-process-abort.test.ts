/**
 * The in-process `fetch` honours `AbortSignal` like a real `fetch` (clients' own timeouts
 * depend on it); the request keeps running server-side, as on a real server.
 */
import { describe, expect, it, vi } from "vitest";
import { createEmulator } from "../src/index.js";

function authorized(emulator: ReturnType<typeof createEmulator>): Record<string, string> {
  const { companyId, publicKey, privateKey, clientId } = emulator.credentials;
  const basic = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString("base64");
  return { authorization: `Basic ${basic}`, clientId };
}

describe("in-process fetch and AbortSignal", () => {
  it("rejects with the signal's reason when it fires mid-request; the server still answers", async () => {
    const emulator = createEmulator({ seed: "demo", faults: { latencyMs: 150 } });
    const url = `${emulator.credentials.url}/${emulator.credentials.codebase}apis/3.0/company/companies/250`;
    const error = await emulator
      .fetch(url, { headers: authorized(emulator), signal: AbortSignal.timeout(20) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({ name: "TimeoutError" });
    // Rejected before the server had answered (its ledger entry comes at the end)...
    expect(emulator.ledger.requests()).toHaveLength(0);
    // ...and the server still finishes the request.
    await vi.waitFor(() => expect(emulator.ledger.requests().map((r) => r.status)).toEqual([200]), {
      timeout: 5_000,
    });
  });

  it("an already aborted signal rejects before anything is handled", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const controller = new AbortController();
    controller.abort(new Error("caller gave up"));
    const url = `${emulator.credentials.url}/${emulator.credentials.codebase}apis/3.0/system/info`;
    await expect(
      emulator.fetch(url, { headers: authorized(emulator), signal: controller.signal }),
    ).rejects.toThrow("caller gave up");
    expect(emulator.ledger.requests()).toHaveLength(0);
  });

  it("without a signal firing, answers as before", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const url = `${emulator.credentials.url}/${emulator.credentials.codebase}apis/3.0/system/info`;
    const response = await emulator.fetch(url, {
      headers: authorized(emulator),
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(200);
  });
});
