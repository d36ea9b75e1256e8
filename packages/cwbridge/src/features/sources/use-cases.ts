/**
 * The use cases of the sources feature (see `core/use-case.ts`). Bad input throws the
 * feature's own `CWB_ERR_SOURCE_INVALID` (for `add`, worded by `parseAddSource`, as `addSource`
 * does).
 */
import { z } from "zod";
import type { AppIssue } from "../../core/app-error.js";
import { defineUseCase, thrownBy } from "../../core/use-case.js";
import { SourceError } from "./errors.js";
import {
  addSource,
  addSourceInputSchema,
  findSourceByToken,
  listSources,
  parseAddSource,
} from "./sources-service.js";

/** `CWB_ERR_SOURCE_INVALID` listing the issues. */
function sourceInvalid(issues: readonly AppIssue[]): SourceError {
  const detail = issues.map((i) => `${i.path || "input"}: ${i.message}`);
  return new SourceError("CWB_ERR_SOURCE_INVALID", `invalid input: ${detail.join("; ")}`, {
    issues,
  });
}

/** The sources feature's use cases, by name. */
export const sourcesUseCases = {
  add: defineUseCase({
    name: "add",
    summary: "Add a source and return its bearer token (once)",
    input: addSourceInputSchema,
    invalid: async (issues, raw) =>
      (await thrownBy(() => parseAddSource(raw))) ?? sourceInvalid(issues),
    run: (ctx, input) => addSource(ctx, input),
  }),
  list: defineUseCase({
    name: "list",
    summary: "List sources",
    input: z.object({}).strict(),
    invalid: (issues) =>
      new SourceError("CWB_ERR_SOURCE_INVALID", "invalid input: no fields are accepted", {
        issues,
      }),
    run: (ctx) => listSources(ctx),
  }),
  findByToken: defineUseCase({
    name: "findByToken",
    summary: "The source a bearer token belongs to (none when the token is unknown)",
    input: z
      .object({
        token: z
          .string()
          .max(4_096)
          .describe("the source's bearer token (as sent in Authorization: Bearer …)"),
      })
      .strict(),
    invalid: sourceInvalid,
    run: async (ctx, input) => (await findSourceByToken(ctx, input.token)) ?? null,
  }),
};
