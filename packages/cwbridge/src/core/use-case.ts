/**
 * A use case: one operation of a feature, with a zod input schema. The CLI maps its flags to
 * that schema, the HTTP route validates its body with it (and publishes it in OpenAPI), and a
 * job calls the same function: one definition serves every interface.
 */
import type { z } from "zod";
import type { AppError, AppIssue } from "./app-error.js";
import type { AppContext } from "./context.js";
import { EngineError } from "./errors.js";
import { zodAppIssues } from "./issue-path.js";

/** A feature operation: `run(ctx, input)` where `input` already passed `input`. */
export interface UseCase<S extends z.ZodType = z.ZodType, O = unknown> {
  /** Stable name within its feature (`add`, `list`, `sync`, …). */
  readonly name: string;
  /** One line for `--help` and the OpenAPI summary. */
  readonly summary: string;
  /** The input schema (strict objects; messages never echo values). */
  readonly input: S;
  /**
   * The error for input the schema refused (default `CWB_ERR_ENGINE_INPUT_INVALID`, kind
   * `invalid`): features return their own `*_INVALID` code, so every interface reports the same.
   */
  readonly invalid?: (issues: readonly AppIssue[]) => AppError;
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

/**
 * Validates raw input with the use case's schema (every interface: CLI flags mapped to the
 * schema's shape, an HTTP body, a job payload), then runs it. Bad input throws the use case's
 * `invalid` error (kind `invalid`, one issue per problem) and changes nothing.
 *
 * @example
 * const connection = await callUseCase(ctx, connectionsFeature.useCases.add, flags);
 */
export async function callUseCase<S extends z.ZodType, O>(
  ctx: AppContext,
  useCase: UseCase<S, O>,
  raw: unknown,
): Promise<O> {
  const parsed = useCase.input.safeParse(raw);
  if (!parsed.success) {
    const issues = zodAppIssues(parsed.error.issues);
    throw useCase.invalid?.(issues) ?? inputInvalid(useCase.name, issues);
  }
  return useCase.run(ctx, parsed.data);
}

function inputInvalid(name: string, issues: readonly AppIssue[]): AppError {
  const list = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`));
  return new EngineError(
    "CWB_ERR_ENGINE_INPUT_INVALID",
    `invalid input to ${name}: ${list.join("; ")}`,
    {
      issues,
    },
  );
}
