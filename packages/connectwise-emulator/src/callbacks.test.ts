import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { call, fixtureEmulator } from "./fixture.test-suite.js";

interface Delivery {
  url: string;
  headers: Headers;
  body: string;
}

function recorder(status = 200): { fetch: typeof fetch; deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  const fake = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const text = typeof init?.body === "string" ? init.body : "";
    deliveries.push({
      url: input instanceof Request ? input.url : input.toString(),
      headers: new Headers(init?.headers),
      body: text,
    });
    return Promise.resolve(new Response(null, { status }));
  };
  return { fetch: fake, deliveries };
}

async function subscribe(
  emulator: ReturnType<typeof fixtureEmulator>,
  body: Record<string, unknown>,
): Promise<number> {
  const result = await call(emulator, "POST", "/system/callbacks", {
    body: { objectId: 1, level: "owner", ...body },
  });
  expect(result.status).toBe(201);
  return (result.body as { id: number }).id;
}

describe("callbacks", () => {
  it("delivers a signed payload that verifies with the served signing key", async () => {
    const { fetch: callbackFetch, deliveries } = recorder();
    const emulator = fixtureEmulator({ callbackFetch });
    const callbackId = await subscribe(emulator, {
      url: "https://hooks.example/cw?recordId=",
      type: "Ticket",
    });
    await call(emulator, "PATCH", "/service/tickets/100", {
      body: [{ op: "replace", path: "summary", value: "Paper jam" }],
    });
    await emulator.close();

    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(delivery?.url).toBe("https://hooks.example/cw?recordId=100");
    const payload = JSON.parse(delivery?.body ?? "{}") as Record<string, unknown>;
    expect(payload).toMatchObject({
      Action: "updated",
      Type: "ticket",
      ID: 100,
      MemberId: 10,
      CompanyId: "Acme",
      FromUrl: "cw.emulator",
    });
    expect(JSON.parse(String(payload["Entity"]))).toMatchObject({ id: 100, summary: "Paper jam" });

    const keyUrl = (payload["Metadata"] as { key_url: string }).key_url;
    const { signing_key: signingKey } = (await (await emulator.fetch(keyUrl)).json()) as {
      signing_key: string;
    };
    const key = createHash("sha256").update(signingKey).digest();
    const expected = createHmac("sha256", key)
      .update(delivery?.body ?? "")
      .digest("base64");
    expect(delivery?.headers.get("x-content-signature")).toBe(expected);

    expect(emulator.ledger.entries().filter((e) => e.kind === "callback")).toEqual([
      expect.objectContaining({
        callbackId,
        action: "updated",
        type: "ticket",
        recordId: 100,
        status: 200,
      }),
    ]);
  });

  it("appends ?recordId= when the url does not end with recordId=, for create and delete", async () => {
    const { fetch: callbackFetch, deliveries } = recorder(404);
    const emulator = fixtureEmulator({ callbackFetch });
    await subscribe(emulator, { url: "https://hooks.example/company", type: "company" });
    const created = await call(emulator, "POST", "/company/companies", {
      body: { identifier: "New", name: "New Co" },
    });
    const id = (created.body as { id: number }).id;
    await call(emulator, "DELETE", `/company/companies/${id}`);
    await emulator.close();
    expect(
      deliveries.map((d) => [d.url, (JSON.parse(d.body) as { Action: string }).Action]),
    ).toEqual([
      [`https://hooks.example/company?recordId=${id}`, "added"],
      [`https://hooks.example/company?recordId=${id}`, "deleted"],
    ]);
    expect(
      emulator.ledger
        .entries()
        .filter((e) => e.kind === "callback")
        .map((e) => "status" in e && e.status),
    ).toEqual([404, 404]);
  });

  it("skips writes with skipCallback, inactive callbacks and other types", async () => {
    const { fetch: callbackFetch, deliveries } = recorder();
    const emulator = fixtureEmulator({ callbackFetch });
    await subscribe(emulator, {
      url: "https://hooks.example/a?recordId=",
      type: "ticket",
      inactiveFlag: true,
    });
    await subscribe(emulator, { url: "https://hooks.example/b?recordId=", type: "configuration" });
    await subscribe(emulator, { url: "https://hooks.example/c?recordId=", type: "ticket" });
    await call(emulator, "POST", "/service/tickets", {
      body: { summary: "quiet", company: { id: 1 }, skipCallback: true },
    });
    await call(emulator, "PATCH", "/service/tickets/100", {
      body: [
        { op: "replace", path: "summary", value: "quiet too" },
        { op: "replace", path: "skipCallback", value: true },
      ],
    });
    await call(emulator, "PATCH", "/service/tickets/101", {
      body: [{ op: "replace", path: "summary", value: "loud" }],
    });
    await emulator.close();
    expect(deliveries.map((d) => d.url)).toEqual(["https://hooks.example/c?recordId=101"]);
  });

  it("records a failed delivery without crashing", async () => {
    const failing = (() => Promise.reject(new TypeError("fetch failed"))) as typeof fetch;
    const emulator = fixtureEmulator({ callbackFetch: failing });
    await subscribe(emulator, { url: "https://down.example/?recordId=", type: "ticket" });
    const result = await call(emulator, "PATCH", "/service/tickets/100", {
      body: [{ op: "replace", path: "summary", value: "x" }],
    });
    expect(result.status).toBe(200);
    await emulator.close();
    const [entry] = emulator.ledger.entries().filter((e) => e.kind === "callback");
    expect(entry).toMatchObject({ recordId: 100 });
    expect(entry).not.toHaveProperty("status");
  });
});
