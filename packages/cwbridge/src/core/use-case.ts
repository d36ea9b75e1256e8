/**
 * A use case: one operation of a feature, with a zod input schema. The CLI maps its flags to
 * that schema, the HTTP route validates its body with it (and publishes it in OpenAPI), and a
 * job calls the same function: one definition serves every interface.
 */
import type { z } from "zod";
import type { AppContext } from "./context.js";

/** A feature operation: `run(ctx, input)` where `input` already passed `input`. */
export interface UseCase<S extends z.ZodType = z.ZodType, O = unknown> {
  /** Stable name within its feature (`add`, `list`, `sync`, …). */
  readonly name: string;
  /** One line for `--help` and the OpenAPI summary. */
  readonly summary: string;
  /** The input schema (strict objects; messages never echo values). */
  readonly input: S;
  /** Method syntax on purpose: the registry holds use cases of different inputs side by side. */
  run(ctx: AppContext, input: z.output<S>): Promise<O>;
}

/**
 * Declares a use case (an identity function that fixes the types).
 *
 * @example
 * export const listConnectionsCase = defineUseCase({
 *   name: "list", summary: "List connections", input: z.object({}).strict(),
 *   run: (ctx) => listConnections(ctx),
 * });
 */
export function defineUseCase<S extends z.ZodType, O>(useCase: UseCase<S, O>): UseCase<S, O> {
  return useCase;
}
