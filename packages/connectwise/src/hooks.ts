/**
 * Request hooks and the `wrap` pipeline (Octokit shape). Hooks observe every HTTP attempt with
 * redacted request info; wrappers (retry, throttle, your own plugins) surround the send.
 */
import type { ConnectWiseError } from "./errors.js";
import type {
  ConnectWiseResponse,
  HttpMethod,
  Logger,
  RequestOptions,
  RequestPriority,
} from "./types.js";

/** What hooks see of a request: never headers, never credentials. */
export interface RequestInfo {
  /**
   * Identity of this HTTP attempt: unique among the attempts of one client (a positive integer
   * counting up from 1), and the same value in the `before`, `after` and `error` calls of that
   * attempt, so an observer can pair them even when identical requests are in flight at once.
   * A retry is a new attempt with a new id. Ids of different clients may collide.
   */
  readonly id: number;
  readonly method: HttpMethod;
  /** Full URL with secret-looking query parameters masked. */
  readonly url: string;
  /** 1 for the first try, 2 for the first retry, ... */
  readonly attempt: number;
}

/**
 * What the `error` hook sees of a failed attempt: the request info plus what plugins noted
 * about the failure before the hook ran (see `ErrorAnnotator`). Plugins declare their notes by
 * module augmentation, e.g. the retry plugin adds `retry` (its decision for this attempt):
 *
 * @example
 * declare module "../hooks.js" {
 *   interface AttemptErrorInfo {
 *     readonly retry?: RetryDecision;
 *   }
 * }
 */
export interface AttemptErrorInfo extends RequestInfo {
  /**
   * Whether re-sending this request cannot duplicate an effect (GET, PUT, DELETE, replace-only
   * PATCH, or `idempotent: true` on the call): what a retry policy may rely on.
   */
  readonly idempotent: boolean;
}

/** The notes plugins add to `AttemptErrorInfo` (everything but the attempt's own facts). */
export type ErrorNotes = Omit<AttemptErrorInfo, keyof RequestInfo | "idempotent">;

/**
 * Registered by a plugin with `client.hook.noteError(...)`: runs synchronously when an attempt
 * fails, before the `error` hook, and returns notes merged into the `AttemptErrorInfo` that the
 * hook sees (e.g. the retry plugin's decision).
 */
export type ErrorAnnotator = (
  error: ConnectWiseError,
  request: PipelineRequest,
) => Partial<ErrorNotes> | void;

/** What the `after` hook sees. */
export interface ResponseInfo extends RequestInfo {
  readonly status: number;
  readonly durationMs: number;
  /** `x-cw-request-id`, when the server sent one. */
  readonly requestId?: string;
}

/**
 * Observers of every HTTP attempt. `before` may throw to cancel the request; errors thrown by
 * `after` and `error` are logged and swallowed. `after` or `error` of an attempt carries the
 * `id` its `before` saw.
 */
export interface ConnectWiseHooks {
  readonly before?: (request: RequestInfo) => void | Promise<void>;
  readonly after?: (response: ResponseInfo) => void | Promise<void>;
  readonly error?: (error: ConnectWiseError, request: AttemptErrorInfo) => void | Promise<void>;
}

/** A request as it travels through the wrappers. */
export interface PipelineRequest extends Omit<RequestOptions, "idempotent" | "priority"> {
  readonly method: HttpMethod;
  /** API path below `/apis/3.0`, e.g. `/service/tickets`. */
  readonly path: string;
  readonly idempotent: boolean;
  readonly priority: RequestPriority;
  readonly attempt: number;
}

/** Sends one request through the rest of the pipeline. */
export type Send = (request: PipelineRequest) => Promise<ConnectWiseResponse<unknown>>;

/** Surrounds the rest of the pipeline (`next`), e.g. to retry or to wait for a slot. */
export type Wrapper = (
  next: Send,
  request: PipelineRequest,
) => Promise<ConnectWiseResponse<unknown>>;

/**
 * The send function with every wrapper applied; the last registered wrapper is the outermost.
 *
 * @example
 * const send = composeWrappers(baseSend, [throttleWrapper, retryWrapper]); // retry(throttle(base))
 */
export function composeWrappers(base: Send, wrappers: readonly Wrapper[]): Send {
  return wrappers.reduce<Send>((next, wrapper) => (request) => wrapper(next, request), base);
}

/**
 * Runs an observer hook; a failure is logged as a warning and never breaks the request.
 *
 * @example
 * await runObserver(log, "after", () => hooks.after?.(info));
 */
export async function runObserver(
  log: Logger,
  name: string,
  observe: () => void | Promise<void>,
): Promise<void> {
  try {
    await observe();
  } catch (error) {
    log.warn(`connectwise: ${name} hook failed`, {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
