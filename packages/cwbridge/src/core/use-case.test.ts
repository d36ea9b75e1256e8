import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AppContext } from "./context.js";
import { AppError } from "./app-error.js";
import { callUseCase, defineUseCase, thrownBy } from "./use-case.js";

const ctx = {} as AppContext;
const echo = defineUseCase({
  name: "echo",
  summary: "Echoes a name",
  input: z.object({ name: z.string().min(1), count: z.number().int().optional() }).strict(),
  run: async (_ctx, input) => `${input.name}:${input.count ?? 0}`,
});

describe("callUseCase", () => {
  it("runs the use case with the parsed input", async () => {
    await expect(callUseCase(ctx, echo, { name: "a", count: 2 })).resolves.toBe("a:2");
  });

  it("refuses bad input with one issue per field, without running", async () => {
    const error = await callUseCase(ctx, echo, { name: "", count: 1.5, extra: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CWB_ERR_ENGINE_INPUT_INVALID", kind: "invalid" });
    const paths = (error as AppError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(["", "count", "name"]);
  });

  it("reports the feature's own error when the use case names one", async () => {
    const own = defineUseCase({
      ...echo,
      invalid: (issues) =>
        new AppError({ code: "CWB_ERR_X_INVALID", kind: "invalid", message: "bad", issues }),
    });
    await expect(callUseCase(ctx, own, {})).rejects.toMatchObject({ code: "CWB_ERR_X_INVALID" });
  });

  it("hands the invalid hook the issues, the raw input and the context (it may be async)", async () => {
    const seen: unknown[] = [];
    const own = defineUseCase({
      ...echo,
      invalid: async (issues, raw, context) => {
        seen.push(
          issues.map((i) => i.path),
          raw,
          context,
        );
        return new AppError({ code: "CWB_ERR_X_INVALID", kind: "invalid", message: "bad" });
      },
    });
    await expect(callUseCase(ctx, own, { name: 1 })).rejects.toMatchObject({
      code: "CWB_ERR_X_INVALID",
    });
    expect(seen).toEqual([["name"], { name: 1 }, ctx]);
  });
});

describe("thrownBy", () => {
  it("returns the AppError a check throws, undefined when it throws none, rethrows the rest", async () => {
    const own = new AppError({ code: "CWB_ERR_X_INVALID", kind: "invalid", message: "bad" });
    await expect(
      thrownBy(() => {
        throw own;
      }),
    ).resolves.toBe(own);
    await expect(thrownBy(() => 1)).resolves.toBeUndefined();
    await expect(
      thrownBy(() => {
        throw new TypeError("bug");
      }),
    ).rejects.toThrow("bug");
  });
});
