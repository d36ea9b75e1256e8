/**
 * The request-time address check (issue #7.5): a host NAME that resolves to a never-allowed
 * address (169.254.169.254 …) is refused before its socket connects, as `CW_CONFIG`, logged in
 * the events log and the app log; the address connected to is the one checked (no second
 * resolution: DNS rebinding). Every client here goes through the real network transport to the
 * emulator listening on loopback; the resolver is injected (only loopback may be contacted
 * here: `testing/socket-addresses.ts` records what each socket was handed and stops anything
 * else), and one test uses the system resolver (`localhost`).
 */
import type { LookupOptions } from "node:dns";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emulatorConnectionInput } from "../app/testing/test-app.js";
import { createLogger, createMemoryDestination, createSecretRegistry } from "../logger.js";
import { migrateToLatest } from "../store/migrate.js";
import { queryRequestLog } from "../store/request-log.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../store/testing/test-stores.js";
import { diagnoseFailure } from "../features/connections/diagnose-failure.js";
import { buildConnectionClient, type BuildClientDeps } from "./build-client.js";
import {
  checkedLookup,
  checkSiteHost,
  SiteAddressRefusedError,
  type AddressLookup,
} from "./site-address-guard.js";
import { recordSocketAddresses } from "./testing/socket-addresses.js";

const resolvesTo =
  (...addresses: string[]): AddressLookup =>
  async () =>
    addresses;

describe("checkSiteHost / checkedLookup", () => {
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
    const addresses = ["10.0.0.5", "192.168.1.10", "127.0.0.1"];
    expect(await checkSiteHost("psa.example.test", resolvesTo(...addresses))).toEqual(addresses);
    const noLookup: AddressLookup = () => Promise.reject(new Error("no lookup expected"));
    expect(await checkSiteHost("[::1]", noLookup)).toEqual(["::1"]);
    expect(await checkSiteHost("192.168.1.10", noLookup)).toEqual(["192.168.1.10"]);
    await expect(checkSiteHost("[fe80::1]", noLookup)).rejects.toBeInstanceOf(
      SiteAddressRefusedError,
    );
  });

  it("fails closed when the name does not resolve, with the resolver's own error", async () => {
    const missing: AddressLookup = () =>
      Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" }));
    for (const lookup of [missing, resolvesTo()]) {
      const error = await checkSiteHost("psa.example.test", lookup).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "ENOTFOUND" });
    }
  });

  it("hands a socket only checked addresses, of the family and in the shape it asks for", async () => {
    const lookup = checkedLookup(resolvesTo("10.0.0.5", "fd12::5", "10.0.0.6"));
    const ask = (options: LookupOptions) =>
      new Promise<unknown[]>((done) => {
        lookup("psa.example.test", options, (...args) => done(args));
      });
    expect(await ask({ all: true })).toEqual([
      null,
      [
        { address: "10.0.0.5", family: 4 },
        { address: "fd12::5", family: 6 },
        { address: "10.0.0.6", family: 4 },
      ],
    ]);
    expect(await ask({ all: true, family: 6 })).toEqual([
      null,
      [{ address: "fd12::5", family: 6 }],
    ]);
    expect(await ask({})).toEqual([null, "10.0.0.5", 4]);
    expect(await ask({ family: "IPv6" })).toEqual([null, "fd12::5", 6]);
    const [refused, address] = await new Promise<unknown[]>((done) => {
      checkedLookup(resolvesTo("10.0.0.5", "169.254.169.254"))("h.test", { all: true }, (...a) =>
        done(a),
      );
    });
    expect(refused).toBeInstanceOf(SiteAddressRefusedError);
    expect(address).toBe("");
    const [missing] = await new Promise<unknown[]>((done) => {
      checkedLookup(resolvesTo("10.0.0.5"))("h.test", { family: 6 }, (...a) => done(a));
    });
    expect(missing).toMatchObject({ code: "ENOTFOUND" });
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

    /** `http://localhost:<port of url>`: the system resolver maps it to 127.0.0.1 (/etc/hosts). */
    const localhostSite = (url: string) => `http://localhost:${new URL(url).port}`;
    const post = (cw: ReturnType<typeof client>) =>
      cw.request("POST", "/service/tickets", { body: { summary: "x" } });

    it("refuses codebase discovery and a write before connecting; logs each as a refusal", async () => {
      const server = await emulator.listen({ host: "127.0.0.2", port: 0 });
      const sockets = recordSocketAddresses();
      try {
        const site = localhostSite(server.url);
        const deps = { lookup: resolvesTo("10.0.0.5", "169.254.169.254") };
        await expect(client(site, deps).system.info()).rejects.toMatchObject({
          name: "SiteAddressRefusedError",
          code: "CW_CONFIG",
          address: "169.254.169.254",
        });
        await expect(post(client(site, deps, "v2025_1/"))).rejects.toBeInstanceOf(
          SiteAddressRefusedError,
        );
        expect([sockets.handed, emulator.ledger.requests()]).toEqual([[], []]);
      } finally {
        sockets.stop();
        await server.close();
      }
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

    it("connects only to the address its lookup checked; a rebinding answer on the next connection is refused before connecting", async () => {
      // The emulator listens on 127.0.0.2 (twice: two origins, so two connections of the one
      // Agent of this resolver); the site's name is localhost, which the SYSTEM resolver maps to
      // 127.0.0.1, where nothing listens. The resolver answers 127.0.0.2 once, then the metadata
      // address (a rebinding DNS server). A transport that resolves the name again after the
      // check (the global fetch behind the old check) connects elsewhere and fails request 1.
      const first = await emulator.listen({ host: "127.0.0.2", port: 0 });
      const second = await emulator.listen({ host: "127.0.0.2", port: 0 });
      const sockets = recordSocketAddresses();
      const asked: string[] = [];
      const answers = [["127.0.0.2"]];
      const lookup: AddressLookup = async (hostname) => {
        asked.push(hostname);
        return answers.shift() ?? ["169.254.169.254"];
      };
      const { codebase } = emulator.credentials;
      try {
        await client(localhostSite(first.url), { lookup }, codebase).system.info();
        const reached = emulator.ledger.requests().length;
        expect(reached).toBeGreaterThan(0);
        await expect(
          post(client(localhostSite(second.url), { lookup }, codebase)),
        ).rejects.toMatchObject({
          name: "SiteAddressRefusedError",
          code: "CW_CONFIG",
          host: "localhost",
          address: "169.254.169.254",
        });
        expect(emulator.ledger.requests()).toHaveLength(reached);
        // one resolution per connection, each the one connected to; the refusal is not retried
        expect(asked).toEqual(["localhost", "localhost"]);
        expect([sockets.handed, sockets.stopped]).toEqual([["127.0.0.2"], []]);
      } finally {
        sockets.stop();
        await first.close();
        await second.close();
      }
      expect(await events()).toEqual([
        { method: "GET", path: "/system/info", outcome: "ok", status: 200, errorCode: null },
        {
          method: "POST",
          path: "/service/tickets",
          outcome: "error",
          status: null,
          errorCode: "CW_CONFIG",
        },
      ]);
    });

    it("the default transport resolves with the system resolver (localhost); a metadata answer never connects", async () => {
      const server = await emulator.listen({ port: 0 });
      const sockets = recordSocketAddresses();
      try {
        const site = localhostSite(server.url);
        await client(site, {}).system.info();
        const reached = emulator.ledger.requests().length;
        expect(reached).toBeGreaterThan(0);
        expect(sockets.handed).toEqual(["127.0.0.1"]);
        const lookup = resolvesTo("169.254.169.254");
        await expect(client(site, { lookup }).system.info()).rejects.toBeInstanceOf(
          SiteAddressRefusedError,
        );
        expect(emulator.ledger.requests()).toHaveLength(reached);
        expect([sockets.handed, sockets.stopped]).toEqual([["127.0.0.1"], []]);
      } finally {
        sockets.stop();
        await server.close();
      }
    });
  },
);
