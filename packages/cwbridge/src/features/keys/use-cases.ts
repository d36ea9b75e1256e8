/**
 * The use cases of the keys feature (see `core/use-case.ts`). The rotation is the
 * installation's (the keyring is shared): it re-encrypts every tenant's secrets.
 */
import { z } from "zod";
import { defineUseCase } from "../../core/use-case.js";
import { rotateKeys } from "./rotate-keys.js";

/** The keys feature's use cases, by name. */
export const keysUseCases = {
  rotate: defineUseCase({
    name: "rotate",
    summary: "Rotate the master key and re-encrypt every stored secret",
    input: z.object({ retireOld: z.boolean().optional() }).strict(),
    run: (ctx, input) =>
      rotateKeys(ctx, input.retireOld === undefined ? {} : { retireOld: input.retireOld }),
  }),
};
