/**
 * The kernel knows no plugin: outside `plugins/`, only the composition files (the public
 * entry points and `createConnectWise`) import from `plugins/`, so there is no type-level
 * circle kernel ↔ options ↔ plugins; and no source file is on an import cycle at all.
 * (A dependency-cruiser rule will say the same in CI.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
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

/** Every non-test source file below `src`, relative to it. */
function sourceFiles(dir = ""): string[] {
  return readdirSync(path.join(here, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(here, relative)).isDirectory()) return sourceFiles(relative);
    return /\.ts$/.test(name) && !/\.test(-suite|-helper)?\.ts$|\.test-suite\.ts$/.test(name)
      ? [relative]
      : [];
  });
}

/** The source files `file` imports (relative specifiers, `.js` → `.ts`). */
function importsOf(file: string): string[] {
  return specifiers(file)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => path.join(path.dirname(file), spec.replace(/\.js$/, ".ts")));
}

/** One import cycle, if any: the files on it. */
function findCycle(files: readonly string[]): string[] | undefined {
  const done = new Set<string>();
  const visit = (file: string, trail: string[]): string[] | undefined => {
    const at = trail.indexOf(file);
    if (at >= 0) return trail.slice(at);
    if (done.has(file)) return undefined;
    for (const next of importsOf(file)) {
      const cycle = visit(next, [...trail, file]);
      if (cycle) return cycle;
    }
    done.add(file);
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("import graph", () => {
  it("has no cycle among the source files", () => {
    const files = sourceFiles();
    expect(files).toContain(path.join("plugins", "retry.ts"));
    expect(findCycle(files)).toBeUndefined();
  });
});
