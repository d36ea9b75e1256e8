import { describe, expect, expectTypeOf, it } from "vitest";
import type { ConnectWiseKernel } from "./client.js";
import { createConnectWise, type ConnectWise } from "./create-connectwise.js";
import type { ConnectWiseOptions } from "./options.js";
import type { ConnectWisePlugin, ExtrasOf, PluginExtras } from "./plugin.js";
import { retry } from "./plugins/retry.js";
import { throttle, type ThrottleStatus } from "./plugins/throttle.js";
import { withPlugins } from "./with-plugins.js";

const options: ConnectWiseOptions = {
  site: "http://cw.emulator",
  allowInsecure: true,
  companyId: "cwbridge",
  publicKey: "pub",
  privateKey: "priv",
  clientId: "client",
  codebase: "v2025_1/",
  fetch: async () => Response.json({ ok: true }),
};

/** A plugin with a required extra that reads the kernel. */
const hello: ConnectWisePlugin<{ hello(): Promise<string> }> = (client) => ({
  hello: async () => `codebase ${await client.codebase()}`,
});
/** A plugin that only wraps requests (no extras) and counts them. */
let wrapped = 0;
const counting: ConnectWisePlugin = (client) => {
  client.hook.wrap((next, request) => (wrapped++, next(request)));
};

describe("withPlugins: typed composition", () => {
  it("gives the kernel each plugin's extras, typed", async () => {
    const cw = withPlugins(throttle, retry, hello, counting)(options);
    expectTypeOf(cw.hello).toEqualTypeOf<() => Promise<string>>();
    expectTypeOf(cw.throttleStatus).toEqualTypeOf<(() => ThrottleStatus) | undefined>();
    expectTypeOf(cw).toMatchTypeOf<ConnectWiseKernel>();
    await expect(cw.hello()).resolves.toBe("codebase v2025_1/");
    expect(cw.throttleStatus?.()).toMatchObject({ concurrency: 4, active: 0 });
    const before = wrapped;
    await cw.request("GET", "/system/info");
    expect(wrapped).toBe(before + 1);
  });

  it("a plugin returning nothing adds nothing to the type", () => {
    expectTypeOf<PluginExtras<typeof counting>>().toEqualTypeOf<Record<never, never>>();
    expectTypeOf<PluginExtras<() => void>>().toBeUnknown();
    expectTypeOf<ExtrasOf<[]>>().toBeUnknown();
  });

  it("rejects at compile time a plugin that may omit a required extra", () => {
    // @ts-expect-error `hello` is required: returning nothing is not allowed
    const broken: ConnectWisePlugin<{ hello(): string }> = () => undefined;
    expect(broken).toBeTypeOf("function");
  });
});

describe("createConnectWise: extra plugins' extras in the type", () => {
  it("keeps the same result type without plugins, and adds a literal list's extras", async () => {
    expectTypeOf(createConnectWise(options)).toEqualTypeOf<ConnectWise>();
    const cw = createConnectWise({ ...options, plugins: [hello] });
    expectTypeOf(cw.hello).toEqualTypeOf<() => Promise<string>>();
    expectTypeOf(cw).toMatchTypeOf<ConnectWise>();
    await expect(cw.hello()).resolves.toBe("codebase v2025_1/");
    expect(typeof cw.tickets.get).toBe("function");
  });
});
