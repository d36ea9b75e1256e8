/**
 * The client against the in-process emulator: codebase discovery (and re-discovery after a
 * 404), authentication and the typed errors of 401 / 403 / 404 / 400, asserted from the
 * emulator's ledger.
 */
import { describe, expect, it } from "vitest";
import {
  ConnectWiseAuthError,
  ConnectWiseConfigError,
  ConnectWiseNotFoundError,
  ConnectWisePermissionError,
  ConnectWiseUnknownCompanyError,
  ConnectWiseValidationError,
  createConnectWise,
  eq,
  where,
} from "../src/index.js";
import {
  apiRequests,
  clientOptions,
  demoEmulator,
  emulatorClient,
  keysOf,
  rejectionOf,
} from "./support/emulator-client.js";

const companyInfoCalls = (emulator: ReturnType<typeof demoEmulator>): number =>
  emulator.ledger.requests().filter((r) => r.path.startsWith("/login/companyinfo/")).length;

describe("codebase discovery", () => {
  it("reads the codebase once from companyinfo, shared by concurrent first calls", async () => {
    const emulator = demoEmulator();
    const urls: string[] = [];
    const cw = emulatorClient(emulator, {
      fetch: (input, init) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return emulator.fetch(input, init);
      },
    });
    const [a, b, c] = await Promise.all([
      cw.companies.get(250),
      cw.system.info(),
      cw.tickets.count(),
    ]);
    expect(a.name).toBe("Acme Corporation");
    expect(b.version).toMatch(/^v2025/);
    expect(c).toBe(emulator.table("tickets").length);
    expect(await cw.codebase()).toBe(emulator.credentials.codebase);
    expect(companyInfoCalls(emulator)).toBe(1);
    expect(urls.filter((u) => u.includes("/apis/3.0/"))).toHaveLength(3);
    for (const url of urls.filter((u) => u.includes("/apis/3.0/")))
      expect(url).toContain(`/${emulator.credentials.codebase}apis/3.0/`);
  });

  it("re-discovers once after a 404 when the codebase moved, and re-sends", async () => {
    // The emulator serves every codebase segment, so a moved codebase is staged by a wrapper:
    // companyinfo first answers an old codebase, and that codebase answers ConnectWise's 404.
    const emulator = demoEmulator();
    let infoCalls = 0;
    const cw = emulatorClient(emulator, {
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes("/login/companyinfo/") && ++infoCalls === 1) {
          const real = (await (await emulator.fetch(input, init)).json()) as Record<
            string,
            unknown
          >;
          return Response.json({ ...real, Codebase: "v2024_1/" });
        }
        if (url.includes("/v2024_1/apis/3.0/")) {
          return Response.json(
            { code: "NotFound", message: "No resource was found.", errors: null },
            { status: 404 },
          );
        }
        return emulator.fetch(input, init);
      },
    });
    const company = await cw.companies.get(250);
    expect(company.id).toBe(250);
    expect(await cw.codebase()).toBe("v2025_1/");
    expect(companyInfoCalls(emulator)).toBe(2);
    expect(apiRequests(emulator).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /company/companies/250",
    ]);
  });

  it("a real 404 re-discovers once, finds the same codebase, and throws ConnectWiseNotFoundError", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator);
    const error = await rejectionOf(cw.companies.get(987654));
    expect(error).toBeInstanceOf(ConnectWiseNotFoundError);
    expect(error).toMatchObject({ status: 404, cwCode: "NotFound" });
    expect(apiRequests(emulator)).toHaveLength(1);
    expect(companyInfoCalls(emulator)).toBe(2);
  });

  it("an unknown company is ConnectWiseUnknownCompanyError before any API call", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, { companyId: "no-such-company" });
    const error = await rejectionOf(cw.system.info());
    expect(error).toBeInstanceOf(ConnectWiseUnknownCompanyError);
    expect(apiRequests(emulator)).toHaveLength(0);
  });
});

describe("authentication and permission errors", () => {
  it("wrong keys are ConnectWiseAuthError (401), sent once, not retried", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, { privateKey: "wrong-private-key" });
    const error = await rejectionOf(cw.companies.list());
    expect(error).toBeInstanceOf(ConnectWiseAuthError);
    expect(error).toMatchObject({ code: "CW_AUTH", status: 401, cwCode: "Unauthorized" });
    expect(apiRequests(emulator).map((r) => r.status)).toEqual([401]);
  });

  it("an unknown clientId is a 401; a missing one is refused at construction", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, { clientId: "00000000-0000-0000-0000-000000000000" });
    expect(await rejectionOf(cw.system.info())).toBeInstanceOf(ConnectWiseAuthError);
    expect(apiRequests(emulator).map((r) => r.status)).toEqual([401]);
    const { clientId: _omitted, ...withoutClientId } = clientOptions(emulator);
    expect(() =>
      createConnectWise(withoutClientId as Parameters<typeof createConnectWise>[0]),
    ).toThrow(ConnectWiseConfigError);
    expect(() => createConnectWise({ ...clientOptions(emulator), clientId: "" })).toThrow(
      ConnectWiseConfigError,
    );
  });

  it("the limited-api member gets ConnectWisePermissionError (403 Security), nothing changes", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, keysOf("limited"));
    const callback = await rejectionOf(
      cw.system.callbacks.create({
        url: "https://hooks.example/cw",
        objectId: 1,
        type: "ticket",
        level: "owner",
      }),
    );
    expect(callback).toBeInstanceOf(ConnectWisePermissionError);
    expect(callback).toMatchObject({ status: 403, cwCode: "Security" });
    const closed = emulator
      .table("boardStatuses")
      .find((s) => s["closedStatus"] === true && (s["board"] as { id: number }).id === 1);
    expect(closed).toBeDefined();
    const close = await rejectionOf(
      cw.tickets.patch(40001, [{ op: "replace", path: "status", value: { id: closed!.id } }]),
    );
    expect(close).toBeInstanceOf(ConnectWisePermissionError);
    expect(emulator.ledger.changes()).toEqual([]);
    expect(apiRequests(emulator).map((r) => [r.status, r.memberIdentifier])).toEqual([
      [403, "limited-api"],
      [403, "limited-api"],
    ]);
    // The same member may still read.
    expect((await cw.tickets.get(40001)).id).toBe(40001);
  });
});

describe("validation errors", () => {
  it("a ticket without summary is ConnectWiseValidationError with ConnectWise's errors[]", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator);
    const error = await rejectionOf(cw.tickets.create({ company: { id: 250 } } as never));
    expect(error).toBeInstanceOf(ConnectWiseValidationError);
    const typed = error as ConnectWiseValidationError;
    expect(typed).toMatchObject({ status: 400, cwCode: "InvalidObject" });
    expect(typed.errors?.map((e) => e.field)).toContain("summary");
    expect(typed.requestId).toBe(apiRequests(emulator)[0]?.requestId);
    expect(emulator.ledger.changes()).toEqual([]);
  });

  it("bad conditions are a 400 naming the conditions parameter, sent once", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator);
    const error = await rejectionOf(cw.companies.list({ conditions: 'name = "unterminated' }));
    expect(error).toBeInstanceOf(ConnectWiseValidationError);
    expect((error as ConnectWiseValidationError).errors?.[0]).toMatchObject({
      code: "InvalidConditions",
      field: "conditions",
    });
    expect(apiRequests(emulator)).toHaveLength(1);
    // The builder cannot produce that: the same value is quoted safely.
    const rows = await cw.companies.list({ conditions: where(eq("name", 'unterminated"')) });
    expect(rows).toEqual([]);
  });
});
