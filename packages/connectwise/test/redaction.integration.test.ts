/**
 * Redaction: every error the client raises against the emulator (401, unknown company, 403,
 * 404, 400, 429, 5xx, outcome unknown, reset, own timeout) and every log line and hook
 * payload carries no private key, clientId or Authorization value — in its message, stack,
 * JSON, `util.inspect` (hidden fields too) or cause chain.
 */
import { describe, expect, it } from "vitest";
import type { ConnectWiseOptions } from "../src/index.js";
import {
  demoEmulator,
  emulatorClient,
  leakedSecrets,
  rejectionOf,
  renderings,
  secretsOf,
} from "./support/emulator-client.js";

type Emulator = ReturnType<typeof demoEmulator>;

function recordingOptions(texts: string[]): Partial<ConnectWiseOptions> {
  const log = (level: string) => (message: string, meta?: unknown) =>
    void texts.push(`${level} ${message} ${JSON.stringify(meta) ?? ""}`);
  return {
    log: { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") },
    hooks: {
      before: (info) => void texts.push(JSON.stringify(info)),
      after: (info) => void texts.push(JSON.stringify(info)),
      error: (error, info) => void texts.push(...renderings(error), JSON.stringify(info)),
    },
  };
}

async function failures(emulator: Emulator, texts: string[]): Promise<unknown[]> {
  const base = { ...recordingOptions(texts), throttle: { ratePerSecond: 10_000 } };
  const cw = emulatorClient(emulator, { ...base, retry: false });
  const errors: unknown[] = [];
  const fail = async (promise: Promise<unknown>): Promise<void> => {
    errors.push(await rejectionOf(promise));
  };
  const { privateKey, clientId } = emulator.credentials;
  // A wrong key is still a key: it must not leak either.
  await fail(
    emulatorClient(emulator, { ...base, privateKey: `${privateKey}-wrong` }).system.info(),
  );
  await fail(
    emulatorClient(emulator, { ...base, clientId: `${clientId.slice(0, -1)}0` }).system.info(),
  );
  await fail(emulatorClient(emulator, { ...base, companyId: "nobody" }).system.info());
  await fail(
    emulatorClient(emulator, {
      ...base,
      publicKey: "demoPublicKey0002",
      privateKey: "demoPrivateKey-not-secret-0002",
    }).system.callbacks.create({
      url: "https://x.example",
      objectId: 1,
      type: "ticket",
      level: "owner",
    }),
  );
  await fail(cw.companies.get(424242));
  await fail(cw.tickets.create({ company: { id: 250 } } as never));
  await fail(cw.companies.list({ conditions: 'name = "unterminated' }));
  emulator.setFaults({ rateLimit: { probability: 1, retryAfterSeconds: 1 } });
  await fail(cw.companies.get(250));
  emulator.setFaults({ serverTimeout: { probability: 1 } });
  await fail(cw.companies.get(250));
  emulator.setFaults({ commitThenTimeout: { probability: 1 } });
  await fail(cw.tickets.create({ summary: "x", company: { id: 250 } }));
  emulator.setFaults({ reset: { probability: 1 } });
  await fail(cw.companies.get(250));
  await fail(cw.configurations.create({ name: "R", type: { id: 1 }, company: { id: 250 } }));
  emulator.setFaults({ latencyMs: 200 });
  await fail(emulatorClient(emulator, { ...base, retry: false, timeoutMs: 20 }).companies.get(250));
  emulator.setFaults({});
  return errors;
}

describe("no secret in any error, log line or hook payload", () => {
  it("covers every failure path the emulator can produce", async () => {
    const emulator = demoEmulator();
    const texts: string[] = [];
    const errors = await failures(emulator, texts);
    const codes = errors.map((e) => (e as { code: string }).code);
    expect(codes).toEqual([
      "CW_AUTH",
      "CW_AUTH",
      "CW_UNKNOWN_COMPANY",
      "CW_PERMISSION",
      "CW_NOT_FOUND",
      "CW_VALIDATION",
      "CW_VALIDATION",
      "CW_RATE_LIMITED",
      "CW_SERVER",
      "CW_OUTCOME_UNKNOWN",
      "CW_CONNECTION",
      "CW_OUTCOME_UNKNOWN",
      "CW_TIMEOUT",
    ]);
    const secrets = [...secretsOf(emulator), `${emulator.credentials.privateKey}-wrong`];
    for (const error of errors) {
      expect(leakedSecrets(renderings(error), secrets), (error as Error).message).toEqual([]);
    }
    expect(texts.length).toBeGreaterThan(errors.length);
    expect(leakedSecrets(texts, secrets)).toEqual([]);
  });

  it("the scanner finds a secret when one is there", () => {
    const emulator = demoEmulator();
    const [privateKey] = secretsOf(emulator);
    const leaky = new Error("boom", { cause: new Error(`key=${privateKey}`) });
    expect(leakedSecrets(renderings(leaky), secretsOf(emulator))).toEqual([privateKey]);
  });
});
