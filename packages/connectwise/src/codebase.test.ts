import { describe, expect, it } from "vitest";
import { createCodebaseResolver } from "./codebase.js";

/** A discovery whose answers the test settles by hand. */
function manualDiscovery() {
  const pending: { resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const discover = () =>
    new Promise<string>((resolve, reject) => void pending.push({ resolve, reject }));
  return { pending, discover };
}

describe("createCodebaseResolver: peek", () => {
  it("returns a fixed codebase at once", () => {
    const resolver = createCodebaseResolver({
      fixed: "v1/",
      discover: () => Promise.reject(new Error("unused")),
    });
    expect(resolver.peek?.()).toBe("v1/");
  });

  it("is undefined until discovery settles, then what get() resolves to", async () => {
    const { pending, discover } = manualDiscovery();
    const resolver = createCodebaseResolver({ discover });
    expect(resolver.peek?.()).toBeUndefined();
    const got = resolver.get();
    expect(resolver.peek?.()).toBeUndefined();
    pending[0]?.resolve("v2025_1/");
    await expect(got).resolves.toBe("v2025_1/");
    expect(resolver.peek?.()).toBe("v2025_1/");
  });

  it("is undefined while a re-discovery runs (get() waits for it) and follows the new value", async () => {
    const { pending, discover } = manualDiscovery();
    const resolver = createCodebaseResolver({ discover });
    const first = resolver.get();
    pending[0]?.resolve("v1/");
    await first;
    const refreshed = resolver.refresh();
    while (pending.length < 2) await Promise.resolve(); // re-discovery started
    expect(resolver.peek?.()).toBeUndefined();
    pending[1]?.resolve("v2/");
    await expect(refreshed).resolves.toBe(true);
    expect(resolver.peek?.()).toBe("v2/");
    await expect(resolver.get()).resolves.toBe("v2/");
  });

  it("stays undefined after a failed discovery (failures are not cached)", async () => {
    const { pending, discover } = manualDiscovery();
    const resolver = createCodebaseResolver({ discover });
    const got = resolver.get();
    pending[0]?.reject(new Error("down"));
    await expect(got).rejects.toThrow("down");
    expect(resolver.peek?.()).toBeUndefined();
  });
});
