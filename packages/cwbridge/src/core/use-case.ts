/**
 * A use case: one operation of a feature, with a zod input schema. The CLI maps its flags to
 * that schema, the HTTP route validates its body with it (and publishes it in OpenAPI), and a
 * job calls the same function: one definition serves every interface.
 */
import type { z } from "zod";
import { AppError, type AppIssue } from "./app-error.js";
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
   * The ONE way a use case reports input its schema refused (default
   * `CWB_ERR_ENGINE_INPUT_INVALID`, kind `invalid`): it gets zod's issues, the raw input and
   * the context, and returns the feature's own `*_INVALID` error, so every interface (CLI,
   * HTTP, jobs) reports the same. It may re-run the feature's own parser on `raw` (see
   * {@link thrownBy}) when the feature words its errors itself (every bad field listed, the
   * site policy …). Nothing has changed when it runs.
   */
  readonly invalid?: (
    issues: readonly AppIssue[],
    raw: unknown,
    ctx: AppContext,
  ) => AppError | Promise<AppError>;
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
    throw useCase.invalid === undefined
      ? inputInvalid(useCase.name, issues)
      : await useCase.invalid(issues, raw, ctx);
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

/**
 * The {@link AppError} that `check` throws (`undefined` when it throws none): for an `invalid`
 * hook that lets the feature's own parser word the error. Anything else it throws is rethrown.
 *
 * @example
 * invalid: async (issues, raw) => (await thrownBy(() => parseAddSource(raw))) ?? sourceInvalid(issues),
 */
export async function thrownBy(check: () => unknown): Promise<AppError | undefined> {
  try {
    await check();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
