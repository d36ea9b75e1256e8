/**
 * The engine's network transport (undici over a checked Agent) against a bare HTTP server on
 * loopback: never-allowed IP literals refused before any socket, keep-alive pooling (one
 * resolution per connection), a DNS failure shaped as fetch's own, aborts and the client's
 * timeout, `Request` inputs, redirects not followed, https. The client-level checks (events log,
 * rebinding through `buildConnectionClient`) are in `site-address-guard.test.ts`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import {
  ConnectWiseConnectionError,
  createConnectWise,
  type ConnectWise,
} from "@cwbridge/connectwise";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNetworkFetch } from "./network-transport.js";
import { SiteAddressRefusedError, type AddressLookup } from "./site-address-guard.js";
import { recordSocketAddresses, type SocketAddresses } from "./testing/socket-addresses.js";

/** A self-signed certificate for psa.tls.test (undefined without openssl: the test is skipped). */
function selfSigned(): { cert: Buffer; key: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), "cwb-tls-"));
  const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  try {
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=psa.tls.test"].concat([
        "-days",
        "1",
        "-keyout",
        key,
        "-out",
        cert,
      ]),
      { stdio: "ignore" },
    );
    return { cert: readFileSync(cert), key: readFileSync(key) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSigned();

interface Seen {
  connections: number;
  requests: { method: string; url: string; body: string }[];
}

describe("network transport", () => {
  let server: Server;
  let port: number;
  let seen: Seen;
  let sockets: SocketAddresses;
  let asked: string[];
  /** Resolves every name to 127.0.0.1 and counts the calls. */
  const toLoopback: AddressLookup = async (hostname) => {
    asked.push(hostname);
    return ["127.0.0.1"];
  };

  beforeEach(async () => {
    seen = { connections: 0, requests: [] };
    asked = [];
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen.requests.push({ method: req.method ?? "", url: req.url ?? "", body });
        if (req.url?.endsWith("/hang") === true) return; // never answers
        if (req.url === "/redirect") res.writeHead(302, { location: "/elsewhere" });
        res.end(JSON.stringify({ ok: true }));
      });
    });
    server.on("connection", () => (seen.connections += 1));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    sockets = recordSocketAddresses();
  });
  afterEach(async () => {
    sockets.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("refuses a never-allowed IP literal before any socket, without a lookup", async () => {
    // 0.0.0.0 and :: would reach this machine if the check failed: nothing leaves it either way
    const fetch = createNetworkFetch({ lookup: toLoopback });
    for (const host of ["0.0.0.0", "[::]"]) {
      const error = await fetch(`http://${host}:${port}/`).catch((e: unknown) => e);
      expect(error, host).toBeInstanceOf(SiteAddressRefusedError);
      expect(error).toMatchObject({ code: "CW_CONFIG", host });
      expect((error as Error).message).toMatch(
        /^site not allowed: \S+ is (unspecified|'this network')/,
      );
    }
    expect([asked, seen.connections, sockets.handed]).toEqual([[], 0, []]);
  });

  it("pools keep-alive connections: one resolution per connection, not per request", async () => {
    const fetch = createNetworkFetch({ lookup: toLoopback });
    const paths = ["/a", "/b", "/c", "/d", "/e", "/f"];
    for (const path of paths) {
      const response = await fetch(`http://psa.pool.test:${port}${path}`);
      expect(await response.json()).toEqual({ ok: true });
    }
    // like the global fetch: the 2nd request may race the 1st's release and open a 2nd socket
    expect(seen.connections).toBeLessThanOrEqual(2);
    expect(asked).toEqual(Array<string>(seen.connections).fill("psa.pool.test"));
    expect(sockets.handed).toEqual(Array<string>(seen.connections).fill("127.0.0.1"));
    expect(seen.requests.map((r) => r.url)).toEqual(paths);
  });

  it("fails an unresolvable name as fetch's own DNS failure: CW_CONNECTION, not sent", async () => {
    const missing: AddressLookup = () =>
      Promise.reject(
        Object.assign(new Error("getaddrinfo ENOTFOUND psa.gone.test"), { code: "ENOTFOUND" }),
      );
    const error = await createNetworkFetch({ lookup: missing })(
      `http://psa.gone.test:${port}/`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: "fetch failed", cause: { code: "ENOTFOUND" } });
    const cw = client(`http://psa.gone.test:${port}`, createNetworkFetch({ lookup: missing }));
    const write = await cw
      .request("POST", "/service/tickets", { body: { summary: "x" } })
      .catch((e: unknown) => e);
    expect(write).toBeInstanceOf(ConnectWiseConnectionError);
    expect(write).toMatchObject({ code: "CW_CONNECTION", sent: false });
    expect(seen.connections).toBe(0);
  });

  it("keeps the caller's abort and the client's timeout", async () => {
    const fetch = createNetworkFetch({ lookup: toLoopback });
    const aborted = await fetch(`http://psa.slow.test:${port}/hang`, {
      signal: AbortSignal.timeout(100),
    }).catch((e: unknown) => e);
    expect(aborted).toMatchObject({ name: "TimeoutError" });
    const cw = client(`http://psa.slow.test:${port}`, fetch, 150);
    await expect(cw.request("GET", "/hang")).rejects.toMatchObject({ code: "CW_TIMEOUT" });
    const controller = new AbortController();
    const pending = cw.request("GET", "/hang", { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: "CW_ABORTED" });
  });

  it("sends a Request's method, headers and body, and does not follow redirects", async () => {
    const fetch = createNetworkFetch({ lookup: toLoopback });
    const request = new Request(`http://psa.req.test:${port}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"summary":"x"}',
    });
    expect((await fetch(request)).status).toBe(200);
    const redirect = await fetch(`http://psa.req.test:${port}/redirect`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    expect(seen.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "/echo", '{"summary":"x"}'],
      ["GET", "/redirect", ""],
    ]);
  });

  it.skipIf(tls === undefined)(
    "checks https connections the same way (the TLS socket gets the checked lookup)",
    async () => {
      if (tls === undefined) return;
      // TLS sockets are not on the recorder's channel: the refused answer is one that would
      // stay on this machine (0.0.0.0) if the check failed
      const refused = await createNetworkFetch({ lookup: async () => ["0.0.0.0"] })(
        "https://psa.tls.test/",
      ).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(SiteAddressRefusedError);
      const secure = createTlsServer(tls, (_req, res) => res.end("{}"));
      let connections = 0;
      secure.on("connection", () => (connections += 1));
      await new Promise<void>((resolve) => secure.listen(0, "127.0.0.1", resolve));
      try {
        const { port: tlsPort } = secure.address() as AddressInfo;
        const fetch = createNetworkFetch({ lookup: toLoopback });
        // self-signed: the handshake with the checked address fails as "not sent"
        const error = await fetch(`https://psa.tls.test:${tlsPort}/`).catch((e: unknown) => e);
        expect(error).toMatchObject({ cause: { code: "DEPTH_ZERO_SELF_SIGNED_CERT" } });
        expect([asked, connections]).toEqual([["psa.tls.test"], 1]);
      } finally {
        secure.closeAllConnections();
        await new Promise((resolve) => secure.close(resolve));
      }
    },
  );

  function client(site: string, fetch: typeof globalThis.fetch, timeoutMs?: number): ConnectWise {
    return createConnectWise({
      site,
      companyId: "acme",
      publicKey: "pub",
      privateKey: "priv",
      clientId: "00000000-0000-0000-0000-000000000000",
      allowInsecure: true,
      codebase: "v2025_1/",
      fetch,
      retry: false,
      throttle: false,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
  }
});
