import { describe, expect, it, vi } from "vitest";
import { ConnectWiseConfigError } from "./errors.js";
import {
  normalizeCodebase,
  normalizeLogger,
  resolveOptions,
  type ConnectWiseOptions,
} from "./options.js";

const valid: ConnectWiseOptions = {
  site: "eu",
  companyId: "acme",
  publicKey: "pub",
  privateKey: "TOP-SECRET-KEY",
  clientId: "client",
};

function configError(options: unknown): ConnectWiseConfigError {
  try {
    resolveOptions(options as ConnectWiseOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectWiseConfigError);
    return error as ConnectWiseConfigError;
  }
  throw new Error("expected a ConnectWiseConfigError");
}

describe("resolveOptions", () => {
  it("applies defaults", () => {
    const resolved = resolveOptions(valid);
    expect(resolved.origin).toBe("https://api-eu.myconnectwise.net");
    expect(resolved.apiVersion).toBe("2025.16");
    expect(resolved.codebase).toBeUndefined();
    expect(resolved.timeouts).toEqual({ read: 60_000, write: 120_000 });
    expect(resolved.fetch).toBe(globalThis.fetch);
    expect(resolved.userAgent).toMatch(/^cwbridge-connectwise\//);
  });

  it("takes one timeout for both directions, or each separately", () => {
    expect(resolveOptions({ ...valid, timeoutMs: 5000 }).timeouts).toEqual({
      read: 5000,
      write: 5000,
    });
    expect(resolveOptions({ ...valid, timeoutMs: { write: 9000 } }).timeouts).toEqual({
      read: 60_000,
      write: 9000,
    });
  });

  it.each([
    [{ ...valid, site: undefined }, "`site` is required"],
    [{ ...valid, privateKey: "" }, "`privateKey` is required"],
    [{ ...valid, clientId: undefined }, "`clientId` is required"],
    [{ ...valid, companyId: "a+b" }, "companyId must not contain"],
    [{ ...valid, apiVersion: "v2025" }, "apiVersion must look like"],
    [{ ...valid, codebase: "v2025_1/../x" }, "codebase must look like"],
    [{ ...valid, timeoutMs: 0 }, "timeoutMs must be a positive"],
    [{ ...valid, fetch: "nope" }, "fetch must be a function"],
    [{ ...valid, site: "mars" }, "site must be one of na, eu, au, aus, za, staging"],
    [{ ...valid, site: "http://psa.example.com" }, "allowInsecure: true"],
    [{ ...valid, site: "https://na.myconnectwise.net" }, 'Use { site: "na" }'],
    [{ ...valid, site: "https://psa.example.com/v4_6_release" }, "without a path"],
    [
      { ...valid, site: "https://u:TOP-SECRET-KEY@psa.example.com" },
      "must not contain credentials",
    ],
    [null, "options object is required"],
  ])("rejects %# loudly with code CW_CONFIG", (options, fragment) => {
    const error = configError(options);
    expect(error.code).toBe("CW_CONFIG");
    expect(error.message).toContain(fragment);
    expect(error.message).not.toContain("TOP-SECRET-KEY");
  });

  it("shows a correct call in the message", () => {
    expect(configError({ ...valid, clientId: "" }).message).toContain(
      'createConnectWise({ site: "na", companyId:',
    );
  });

  it("accepts on-prem https, loopback http and the emulator with allowInsecure", () => {
    expect(resolveOptions({ ...valid, site: "https://psa.example.com/" }).origin).toBe(
      "https://psa.example.com",
    );
    expect(resolveOptions({ ...valid, site: "http://127.0.0.1:8123" }).origin).toBe(
      "http://127.0.0.1:8123",
    );
    expect(resolveOptions({ ...valid, site: "http://localhost:3000" }).origin).toBe(
      "http://localhost:3000",
    );
    expect(resolveOptions({ ...valid, site: "http://[::1]:8080" }).origin).toBe(
      "http://[::1]:8080",
    );
    expect(
      resolveOptions({ ...valid, site: "http://cw.emulator", allowInsecure: true }).origin,
    ).toBe("http://cw.emulator");
    expect(resolveOptions({ ...valid, site: "staging" }).origin).toBe(
      "https://api-staging.connectwisedev.com",
    );
  });
});

describe("normalizeCodebase", () => {
  it.each([
    ["v2025_1/", "v2025_1/"],
    ["v2025_1", "v2025_1/"],
    ["/v4_6_release/", "v4_6_release/"],
  ])("%s → %s", (input, expected) => expect(normalizeCodebase(input)).toBe(expected));
});

describe("normalizeLogger", () => {
  it("fills no-op debug/info and console warn/error", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const log = normalizeLogger({});
    log.debug("quiet");
    log.info("quiet");
    log.warn("loud");
    expect(warn).toHaveBeenCalledWith("loud");
    warn.mockRestore();
  });

  it("keeps the given methods bound to their logger", () => {
    const lines: string[] = [];
    const logger = {
      prefix: ">",
      info(this: { prefix: string }, m: string) {
        lines.push(this.prefix + m);
      },
    };
    normalizeLogger(logger).info("hi");
    expect(lines).toEqual([">hi"]);
  });
});
