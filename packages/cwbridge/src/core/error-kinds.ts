/**
 * THE one table from an error's kind to the CLI exit code and the HTTP status. The CLI takes
 * its exit codes from here (`cli/error-mapping.ts`); the HTTP server will take its statuses from
 * here ({@link httpStatusOf}). Nothing maps errors by the spelling of their code.
 *
 * | kind | exit | HTTP | why this status |
 * | --- | --- | --- | --- |
 * | invalid | 2 | 422 | the request is well-formed but its content is rejected (zod issues listed) |
 * | not_found | 4 | 404 | |
 * | conflict | 2 | 409 | the name is taken; exit 2 like any bad input (nothing changed) |
 * | blocked | 5 | 409 | refused by the current state of the resource (disabled, in use), not by who asks |
 * | upstream | 3 | 502 | ConnectWise failed or refused; we are the gateway |
 * | unavailable | 1 | 503 | temporary on our side (events log, drain wait, shutdown): retry later |
 * | internal | 1 | 500 | |
 */
import { connectWiseErrorKind } from "../connectwise/error-kind.js";
import { AppError, type ErrorKind } from "./app-error.js";

/** The exit code and HTTP status of one kind. */
export interface KindOutcome {
  /** One of the CLI's documented exit codes (`cli/exit-codes.ts`). */
  readonly exitCode: 1 | 2 | 3 | 4 | 5;
  readonly httpStatus: 404 | 409 | 422 | 500 | 502 | 503;
}

/** Kind → exit code and HTTP status. */
export const ERROR_KINDS = {
  invalid: { exitCode: 2, httpStatus: 422 },
  not_found: { exitCode: 4, httpStatus: 404 },
  conflict: { exitCode: 2, httpStatus: 409 },
  blocked: { exitCode: 5, httpStatus: 409 },
  upstream: { exitCode: 3, httpStatus: 502 },
  unavailable: { exitCode: 1, httpStatus: 503 },
  internal: { exitCode: 1, httpStatus: 500 },
} as const satisfies Record<ErrorKind, KindOutcome>;

/**
 * The kind of any thrown value: an {@link AppError}'s own kind, a ConnectWise client error's kind
 * (`connectwise/error-kind.ts`), else `internal`.
 *
 * @example
 * errorKindOf(new ConnectWiseAuthError({ message: "401" })) // "upstream"
 * errorKindOf(new Error("boom")) // "internal"
 */
export function errorKindOf(error: unknown): ErrorKind {
  if (error instanceof AppError) return error.kind;
  return connectWiseErrorKind(error) ?? "internal";
}

/**
 * The HTTP status the server answers for a thrown value.
 *
 * @example
 * httpStatusOf(new SourceError("CWB_ERR_SOURCE_NOT_FOUND", "no source s1")) // 404
 */
export function httpStatusOf(error: unknown): KindOutcome["httpStatus"] {
  return ERROR_KINDS[errorKindOf(error)].httpStatus;
}

/**
 * The CLI exit code of a thrown value.
 *
 * @example
 * exitCodeOfError(new Error("boom")) // 1
 */
export function exitCodeOfError(error: unknown): KindOutcome["exitCode"] {
  return ERROR_KINDS[errorKindOf(error)].exitCode;
}
