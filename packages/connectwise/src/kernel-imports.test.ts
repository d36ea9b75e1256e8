/**
 * The kernel knows no plugin: outside `plugins/`, only the composition files (the public
 * entry points and `createConnectWise`) import from `plugins/`, so there is no type-level
 * circle kernel ↔ options ↔ plugins. (A dependency-cruiser rule will say the same in CI.)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const COMPOSERS = new Set(["index.ts", "internals.ts", "create-connectwise.ts"]);

/** Import / export-from specifiers of a source file. */
function specifiers(file: string): string[] {
  const text = readFileSync(path.join(here, file), "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gms)].map(
    (match) => match[1] ?? "",
  );
}

const kernelFiles = readdirSync(here).filter(
  (name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !COMPOSERS.has(name),
);

describe("kernel files import nothing from plugins/", () => {
  it("finds the kernel files", () => {
    expect(kernelFiles).toEqual(expect.arrayContaining(["client.ts", "options.ts", "hooks.ts"]));
  });

  it.each(kernelFiles)("%s", (file) => {
    expect(specifiers(file).filter((spec) => spec.includes("plugins/"))).toEqual([]);
  });

  it("the check sees imports (createConnectWise does import the built-in plugins)", () => {
    expect(specifiers("create-connectwise.ts")).toContain("./plugins/retry.js");
  });
});
