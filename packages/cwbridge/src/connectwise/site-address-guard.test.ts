/**
 * The request-time address check (issue #7.5): a host NAME that resolves to a never-allowed
 * address (169.254.169.254 …) is refused before anything is sent, as `CW_CONFIG`, logged in the
 * events log and the app log. The resolver is injected (only loopback may be contacted here);
 * one test goes through the real network fetch and the system resolver (`localhost`).
 */
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emulatorConnectionInput } from "../engine/testing/test-engine.js";
import { createLogger, createMemoryDestination, createSecretRegistry } from "../logger.js";
import { migrateToLatest } from "../store/migrate.js";
import { queryRequestLog } from "../store/request-log.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../store/testing/test-stores.js";
import { diagnoseFailure } from "../services/connections/diagnose-failure.js";
import { buildConnectionClient, type BuildClientDeps } from "./build-client.js";
import {
  checkSiteHost,
  guardFetch,
  SiteAddressRefusedError,
  type AddressLookup,
} from "./site-address-guard.js";

const resolvesTo =
  (...addresses: string[]): AddressLookup =>
  async () =>
    addresses;

describe("checkSiteHost / guardFetch", () => {
  it("refuses a name when ANY of its addresses is never allowed", async () => {
    for (const addresses of [
      ["169.254.169.254"],
      ["10.0.0.5", "169.254.169.254"],
      ["::ffff:169.254.169.254"],
      ["fe80::1"],
      ["fd00:ec2::254"],
      ["0.0.0.0"],
    ]) {
      const error = await checkSiteHost("psa.example.test", resolvesTo(...addresses)).catch(
        (e: unknown) => e,
      );
      expect(error, addresses.join(",")).toBeInstanceOf(SiteAddressRefusedError);
      expect(error).toMatchObject({ code: "CW_CONFIG", host: "psa.example.test" });
      expect((error as Error).message).toMatch(
        /^site not allowed: psa\.example\.test resolves to .+ never a ConnectWise server/,
      );
    }
  });

  it("allows private and loopback addresses, and checks IP literals without a lookup", async () => {
    await checkSiteHost("psa.example.test", resolvesTo("10.0.0.5", "192.168.1.10", "127.0.0.1"));
    const noLookup: AddressLookup = () => Promise.reject(new Error("no lookup expected"));
    await checkSiteHost("[::1]", noLookup);
    await checkSiteHost("192.168.1.10", noLookup);
    await expect(checkSiteHost("[fe80::1]", noLookup)).rejects.toBeInstanceOf(
      SiteAddressRefusedError,
    );
  });

  it("fails closed when the name does not resolve (as fetch's own DNS failure would)", async () => {
    const missing: AddressLookup = () =>
      Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" }));
    for (const lookup of [missing, resolvesTo()]) {
      const error = await checkSiteHost("psa.example.test", lookup).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).cause).toMatchObject({ code: "ENOTFOUND" });
    }
  });

  it("is diagnosed by connections test as site_not_allowed", () => {
    const refusal = new SiteAddressRefusedError(
      "psa.example.test",
      "169.254.169.254",
      "link-local",
    );
    expect(
      diagnoseFailure(refusal, { site: "x", companyId: "acme", redact: (t) => t }),
    ).toMatchObject({
      code: "site_not_allowed",
      errorCode: "CW_CONFIG",
      cause: expect.stringContaining("psa.example.test resolves to 169.254.169.254") as unknown,
    });
  });

  it("never calls the inner fetch for a refused host; reuses an allowed verdict, never a refusal", async () => {
    const sent: string[] = [];
    const inner: typeof fetch = async (input) => {
      sent.push(input instanceof Request ? input.url : input.toString());
      return new Response("{}");
    };
    let answer = ["169.254.169.254"];
    let lookups = 0;
    const refused: SiteAddressRefusedError[] = [];
    let clock = 0;
    const guarded = guardFetch(inner, {
      lookup: async () => {
        lookups += 1;
        return answer;
      },
      onRefused: (error) => refused.push(error),
      cacheMs: 1000,
      now: () => clock,
    });
    const url = "https://psa.example.test/login/companyinfo/acme";
    await expect(guarded(url)).rejects.toBeInstanceOf(SiteAddressRefusedError);
    await expect(guarded(url)).rejects.toBeInstanceOf(SiteAddressRefusedError);
    expect([sent, lookups, refused.length]).toEqual([[], 2, 2]);
    answer = ["10.0.0.5"];
    await guarded(url);
    await guarded(url);
    expect([sent.length, lookups]).toEqual([2, 3]);
    answer = ["169.254.169.254"];
    clock = 1001;
    await expect(guarded(url)).rejects.toBeInstanceOf(SiteAddressRefusedError);
    expect([sent.length, lookups]).toEqual([2, 4]);
  });
});

describe.each(TEST_DIALECTS)(
  "a client whose host resolves to a metadata address, on %s",
  (kind) => {
    let t: TestStore;
    let emulator: Emulator;
    const lines = createMemoryDestination();

    beforeEach(async () => {
      t = await openTestStore(kind);
      await migrateToLatest(t.store);
      emulator = createEmulator({ seed: "demo" });
      lines.lines.length = 0;
    });
    afterEach(async () => {
      await emulator.close();
      await t.cleanup();
    });

    function client(site: string, deps: Partial<BuildClientDeps>, codebase?: string) {
      const input = emulatorConnectionInput(emulator);
      const secrets = createSecretRegistry();
      return buildConnectionClient(
        {
          connectionId: "conn-1",
          site,
          companyId: input.companyId,
          publicKey: input.publicKey,
          privateKey: input.privateKey,
          clientId: input.clientId,
          allowOnPrem: true,
          allowInsecure: true,
          ...(codebase === undefined ? {} : { codebase }),
        },
        {
          db: t.store.db,
          log: createLogger({ level: "warn", destination: lines, secrets }),
          secrets,
          now: () => new Date(),
          jobId: () => null,
          tuning: { retry: { sleep: async () => undefined } },
          ...deps,
        },
      );
    }

    async function events() {
      return (await queryRequestLog(t.store.db, { limit: 20 })).map((r) => ({
        method: r.method,
        path: r.path.split("/").slice(0, 3).join("/"),
        outcome: r.outcome,
        status: r.status,
        errorCode: r.errorCode,
      }));
    }

    it("refuses codebase discovery and a write before sending; logs each as a refusal", async () => {
      const site = emulator.credentials.url; // http://cw.emulator: the in-process emulator
      const deps = { fetch: emulator.fetch, lookup: resolvesTo("10.0.0.5", "169.254.169.254") };
      await expect(client(site, deps).system.info()).rejects.toMatchObject({
        name: "SiteAddressRefusedError",
        code: "CW_CONFIG",
        address: "169.254.169.254",
      });
      const write = client(site, deps, "v2025_1/").request("POST", "/service/tickets", {
        body: { summary: "x" },
      });
      await expect(write).rejects.toBeInstanceOf(SiteAddressRefusedError);
      expect(emulator.ledger.requests()).toEqual([]);
      expect(await events()).toEqual([
        {
          method: "GET",
          path: "/login/companyinfo",
          outcome: "error",
          status: null,
          errorCode: "CW_CONFIG",
        },
        {
          method: "POST",
          path: "/service/tickets",
          outcome: "error",
          status: null,
          errorCode: "CW_CONFIG",
        },
      ]);
      const warned = lines.lines.filter((l) => l.includes("request refused"));
      expect(warned).toHaveLength(2);
      expect(warned.join("\n")).toContain("169.254.169.254");
      expect(lines.lines.join("\n")).not.toContain(emulator.credentials.privateKey);
    });

    it("sends when the name resolves to a private address", async () => {
      const cw = client(emulator.credentials.url, {
        fetch: emulator.fetch,
        lookup: resolvesTo("10.0.0.5"),
      });
      await cw.system.info();
      expect(emulator.ledger.requests().length).toBeGreaterThan(0);
    });

    it("guards the real network fetch: the system resolver lets localhost through, a metadata answer is never sent", async () => {
      const server = await emulator.listen({ port: 0 });
      try {
        const site = server.url.replace("127.0.0.1", "localhost");
        await client(site, {}).system.info();
        const reached = emulator.ledger.requests().length;
        expect(reached).toBeGreaterThan(0);
        const lookup = resolvesTo("169.254.169.254");
        await expect(client(site, { lookup }).system.info()).rejects.toBeInstanceOf(
          SiteAddressRefusedError,
        );
        expect(emulator.ledger.requests()).toHaveLength(reached);
      } finally {
        await server.close();
      }
    });
  },
);
