/**
 * Client ↔ emulator wiring for the integration tests: a client on the in-process emulator (or
 * a listening one), demo keys, ledger helpers and a secret scanner.
 */
import { inspect } from "node:util";
import {
  DEMO_KEYS,
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type LedgerEntry,
} from "@cwbridge/connectwise-emulator";
import { createConnectWise, type ConnectWise, type ConnectWiseOptions } from "../../src/index.js";

export type RequestEntry = Extract<LedgerEntry, { kind: "request" }>;

/** The demo emulator (fixed clock-free demo seed). */
export function demoEmulator(options: EmulatorOptions = {}): Emulator {
  return createEmulator({
    seed: "demo",
    callbackFetch: async () => new Response(null),
    ...options,
  });
}

/** Options of a client on `emulator` (in-process unless `site` / `fetch` are overridden). */
export function clientOptions(
  emulator: Emulator,
  overrides: Partial<ConnectWiseOptions> = {},
): ConnectWiseOptions {
  const { url, companyId, publicKey, privateKey, clientId } = emulator.credentials;
  return {
    site: url,
    allowInsecure: true,
    companyId,
    publicKey,
    privateKey,
    clientId,
    fetch: emulator.fetch,
    log: { warn: () => {}, error: () => {} },
    ...overrides,
  };
}

/**
 * A full client (retry + throttle) on `emulator`.
 *
 * @example
 * const cw = emulatorClient(emulator, { retry: { sleep: async () => {} } });
 */
export function emulatorClient(
  emulator: Emulator,
  overrides: Partial<ConnectWiseOptions> = {},
): ConnectWise {
  return createConnectWise(clientOptions(emulator, overrides));
}

/** Keys of another demo API member (e.g. `limited` for 403s). */
export function keysOf(name: keyof typeof DEMO_KEYS): { publicKey: string; privateKey: string } {
  return { ...DEMO_KEYS[name] };
}

/** API requests in the ledger (companyinfo excluded unless asked). */
export function apiRequests(emulator: Emulator, withLogin = false): RequestEntry[] {
  return emulator.ledger
    .requests()
    .filter((entry) => withLogin || !entry.path.startsWith("/login/"));
}

/** Every value that must never appear in an error, log line or serialisation. */
export function secretsOf(emulator: Emulator): string[] {
  const { companyId, publicKey, privateKey, clientId } = emulator.credentials;
  const basic = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString("base64");
  return [privateKey, clientId, basic, `Basic ${basic}`];
}

/** Every way an error is shown: message, stack, JSON, inspect, and its causes. */
export function renderings(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    if (current instanceof Error) out.push(current.message, current.stack ?? "");
    out.push(JSON.stringify(current) ?? "", inspect(current, { depth: 10, showHidden: true }));
    current = current instanceof Error ? current.cause : undefined;
  }
  return out;
}

/** The secrets found in `texts` (empty when clean). */
export function leakedSecrets(texts: readonly string[], secrets: readonly string[]): string[] {
  return secrets.filter((secret) => texts.some((text) => text.includes(secret)));
}

/** The rejection of `promise` (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** A fetch that records the largest number of requests in flight at once. */
export function concurrencyProbe(inner: typeof fetch): { fetch: typeof fetch; max(): number } {
  let inFlight = 0;
  let max = 0;
  return {
    fetch: async (input, init) => {
      inFlight += 1;
      max = Math.max(max, inFlight);
      try {
        return await inner(input, init);
      } finally {
        inFlight -= 1;
      }
    },
    max: () => max,
  };
}
