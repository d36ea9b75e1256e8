/**
 * The one error model of the app: every typed error of cwbridge extends {@link AppError}, with a
 * stable `code`, a `kind` (what sort of failure it is, which decides the CLI exit code and the
 * HTTP status: `error-kinds.ts`), and `issues` (what is wrong with an input, one entry a problem).
 */

/**
 * What sort of failure an error is (a small closed set; `error-kinds.ts` maps each to an exit
 * code and an HTTP status):
 *
 * - `invalid`: the input (flags, a file, a body, the configuration) is wrong; nothing changed.
 * - `not_found`: something named in the input does not exist (here or in ConnectWise).
 * - `conflict`: the input collides with what exists (a name already taken); nothing changed.
 * - `blocked`: refused on purpose by a rule or a state (connection disabled, in use, unmapped
 *   customer, a guard); the same request can succeed once the state changes.
 * - `upstream`: ConnectWise refused the request, could not be reached, or answered something
 *   unusable.
 * - `unavailable`: a temporary failure on our side or a cancellation (the events log could not be
 *   written, a wait ran out, transient sync failures retried later, a shutdown); try again later.
 * - `internal`: a bug, damaged stored data, or a programming error; not the caller's fault.
 */
export type ErrorKind =
  "invalid" | "not_found" | "conflict" | "blocked" | "upstream" | "unavailable" | "internal";

/** Every {@link ErrorKind}, in the order of the type. */
export const ERROR_KIND_NAMES = [
  "invalid",
  "not_found",
  "conflict",
  "blocked",
  "upstream",
  "unavailable",
  "internal",
] as const satisfies readonly ErrorKind[];

/**
 * One problem with an input. `path` is where in the input, dotted and indexed
 * (`devices[3].serial`, `defaults.impact`), `""` for the input as a whole; `message` says what is
 * wrong and never echoes the value (it may be a secret).
 */
export interface AppIssue {
  readonly path: string;
  readonly message: string;
}

/** The safe, serialisable view of an {@link AppError} (`toJSON`). */
export interface AppErrorJson {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly issues: readonly AppIssue[];
}

/** Constructor input of {@link AppError}. */
export interface AppErrorInit<Code extends string, Issue extends AppIssue = AppIssue> {
  readonly code: Code;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly issues?: readonly Issue[];
  /** The underlying error: kept for logs and debugging, never serialised. */
  readonly cause?: unknown;
}

/**
 * The base of every typed error of cwbridge. Subclasses keep their own names and code unions;
 * `instanceof` works on both. `toJSON()` carries only `{ code, kind, message, issues }`, never
 * `cause` (a driver error may hold a connection string) nor any other field.
 *
 * @example
 * // A subclass picks the kind of each of its codes (its `*_ERROR_KINDS` table):
 * throw new SourceError("CWB_ERR_SOURCE_INVALID", "invalid source", {
 *   issues: [{ path: "name", message: "required" }] });
 * error.toJSON() // { code: "CWB_ERR_SOURCE_INVALID", kind: "invalid", message: "invalid source", issues: [...] }
 */
export class AppError<
  Code extends string = string,
  Issue extends AppIssue = AppIssue,
> extends Error {
  readonly code: Code;
  readonly kind: ErrorKind;
  readonly issues: readonly Issue[];

  constructor(init: AppErrorInit<Code, Issue>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.kind = init.kind;
    this.issues = init.issues ?? [];
  }

  /** `{ code, kind, message, issues }`: what an API response or a log line may carry. */
  toJSON(): AppErrorJson {
    return {
      code: this.code,
      kind: this.kind,
      message: this.message,
      issues: this.issues.map(({ path, message }) => ({ path, message })),
    };
  }
}
