import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { authHeaders, fixtureEmulator } from "./fixture.test-suite.js";

function openssl(): { cert: Buffer; key: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), "cw-emulator-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-days",
        "1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { cert: readFileSync(join(dir, "cert.pem")), key: readFileSync(join(dir, "key.pem")) };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = openssl();

describe("listen over a real socket", () => {
  const emulator = fixtureEmulator();
  afterAll(() => emulator.close());

  it("serves HTTP on port 0 with absolute Link URLs of the listen origin", async () => {
    const server = await emulator.listen({ port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v2025_1/apis/3.0/company/companies?pageSize=1`, {
      headers: authHeaders(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("link")).toContain(
      `<${server.url}/v2025_1/apis/3.0/company/companies?`,
    );
    expect(emulator.credentials.url).toBe(server.url);
    const info = await fetch(`${server.url}/login/companyinfo/acme`);
    expect(await info.json()).toMatchObject({ CompanyID: "Acme" });
    await server.close();
  });

  it("destroys the socket on an injected reset", async () => {
    const local = fixtureEmulator({ faults: { reset: { probability: 1 } } });
    const server = await local.listen({ port: 0 });
    const error = await fetch(`${server.url}/v2025_1/apis/3.0/system/info`, {
      headers: authHeaders(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    await server.close();
    await local.close();
  });

  it.skipIf(!tls)("serves HTTPS with a certificate (skipped when openssl is missing)", async () => {
    if (!tls) return;
    const local = fixtureEmulator();
    const server = await local.listen({ port: 0, tls });
    expect(server.url).toMatch(/^https:\/\//);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(
        `${server.url}/v2025_1/apis/3.0/system/info`,
        { headers: authHeaders(), rejectUnauthorized: false },
        (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(body)).toMatchObject({ version: expect.stringMatching(/^v2025\./) });
    await server.close();
    await local.close();
  });
});
