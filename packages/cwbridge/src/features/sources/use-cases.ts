/**
 * The use cases of the sources feature (see `core/use-case.ts`). Bad input throws the
 * feature's own `CWB_ERR_SOURCE_INVALID`, as `addSource` does.
 */
import { z } from "zod";
import { defineUseCase } from "../../core/use-case.js";
import { checkedBy } from "../../lib/checked-schema.js";
import { SourceError } from "./errors.js";
import { addSource, addSourceInputSchema, listSources, parseAddSource } from "./sources-service.js";

/** The sources feature's use cases, by name. */
export const sourcesUseCases = {
  add: defineUseCase({
    name: "add",
    summary: "Add a source and return its bearer token (once)",
    input: checkedBy(addSourceInputSchema, (raw) => void parseAddSource(raw)),
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
};
