/**
 * Every (method, path) the facades can call exists in the 2025.16 operation index
 * (`shared/connectwise-openapi/manage-2025.16-operations.json`), compared case-insensitively.
 * Each facade method is found by walking the facade tree, so new methods are covered too.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createResources } from "./create-resources.js";
import { recordingCore, type RecordedCall } from "./recording-core.test-suite.js";

interface Operation {
  readonly method: string;
  readonly path: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const operations = (
  JSON.parse(
    readFileSync(
      path.resolve(repoRoot, "../shared/connectwise-openapi/manage-2025.16-operations.json"),
      "utf8",
    ),
  ) as { operations: Operation[] }
).operations;

function templateRegex(template: string): RegExp {
  const body = template
    .replace(/\/+$/, "")
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${body}/?$`, "i");
}

const compiled = operations.map((op) => ({ ...op, regex: templateRegex(op.path) }));

function matchingOperation(call: RecordedCall): Operation | undefined {
  return compiled.find((op) => op.method === call.method && op.regex.test(call.path));
}

const ID = 7;
const OPS = [{ op: "replace" as const, path: "summary", value: "x" }];

/** Calls every function of the facade tree; returns `trail → calls made` per leaf method. */
async function exercise(
  node: object,
  calls: RecordedCall[],
  trail: string,
  seen: Map<string, RecordedCall[]>,
): Promise<void> {
  for (const [key, value] of Object.entries(node)) {
    const here = `${trail}.${key}`;
    if (typeof value === "function") {
      const before = calls.length;
      const result: unknown = (value as (...args: unknown[]) => unknown)(ID, OPS);
      if (result instanceof Promise) await result;
      else if (result && typeof result === "object" && Symbol.asyncIterator in result) {
        await (result as unknown as AsyncIterator<unknown>).next();
      } else if (result && typeof result === "object") {
        await exercise(result, calls, `${here}(${ID})`, seen);
        continue;
      }
      seen.set(here, calls.slice(before));
    } else if (value && typeof value === "object") {
      await exercise(value as object, calls, here, seen);
    }
  }
}

describe("facade paths exist in manage-2025.16-operations.json", async () => {
  const { core, calls } = recordingCore();
  const seen = new Map<string, RecordedCall[]>();
  await exercise(createResources(core), calls, "cw", seen);

  it("found the facade methods", () => {
    expect(seen.size).toBeGreaterThan(100);
  });

  it.each([...seen.entries()])("%s", (_trail, made) => {
    expect(made.length).toBeGreaterThan(0);
    for (const call of made) {
      expect(matchingOperation(call), `${call.method} ${call.path}`).toBeDefined();
    }
  });
});
