import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { servedOperations } from "./served-operations.js";

const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const OPERATIONS = resolve(
  REPO_ROOT,
  "../shared/connectwise-openapi/manage-2025.16-operations.json",
);

interface SpecOperation {
  method: string;
  path: string;
}

function specKeys(): Set<string> {
  const spec = JSON.parse(readFileSync(OPERATIONS, "utf8")) as { operations: SpecOperation[] };
  return new Set(
    spec.operations.map((op) => `${op.method} ${op.path.toLowerCase().replace(/\/$/, "")}`),
  );
}

describe("contract with the 2025.16 operation list", () => {
  const spec = specKeys();

  it("serves only operations that exist in the spec", () => {
    const missing = servedOperations()
      .map((op) => `${op.method} ${op.path.toLowerCase()}`)
      .filter((key) => !spec.has(key));
    expect(missing).toEqual([]);
  });

  it("serves every operation the spec has on the served resource paths", () => {
    const served = new Set(servedOperations().map((op) => `${op.method} ${op.path.toLowerCase()}`));
    const roots = new Set(
      [...served].map((key) => key.split(" ")[1]?.replace(/\/(count|\{id\})$/, "")),
    );
    const unserved = [...spec].filter((key) => {
      const path = key.split(" ")[1] ?? "";
      const root = path.replace(/\/(count|\{id\})$/, "");
      return (
        roots.has(root) && /^(|\/count|\/\{id\})$/.test(path.slice(root.length)) && !served.has(key)
      );
    });
    expect(unserved).toEqual([]);
  });
});
