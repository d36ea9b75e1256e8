/**
 * Retry plugin: one pure predicate (`shouldRetry`) and one backoff function (`backoffMs`),
 * wrapped around every request. Idempotent requests are retried on 5xx, timeouts, resets,
 * 408/409 and 429; POSTs only when they provably never reached the server (refused, DNS, 429).
 * A write whose outcome is unknown is never re-sent.
 *
 * The decision for each failed attempt is taken once (`decideRetry`), when the attempt fails
 * and before the `error` hook runs: the hook sees it as `info.retry` and the wrapper follows it,
 * so what observers record is what the plugin does (Octokit's plugin-retry records its retries
 * on the error the same way).
 */
import { callAsync } from "../call-async.js";
import { ConnectWiseAbortError, ConnectWiseError, ConnectWiseRateLimitError } from "../errors.js";
import type { ErrorAnnotator, PipelineRequest, Send, Wrapper } from "../hooks.js";
import type { ConnectWisePlugin } from "../plugin.js";
import type { ConnectWiseResponse, HttpMethod, Logger } from "../types.js";

declare module "../options.js" {
  interface ConnectWiseOptions {
    /** Retry plugin options, or `false` to disable it (used by `createConnectWise`). */
    readonly retry?: RetryOptions | false;
  }
}

declare module "../hooks.js" {
  interface AttemptErrorInfo {
    /** The retry plugin's decision for this failed attempt (absent when the plugin is off). */
    readonly retry?: RetryDecision;
  }
  interface PipelineRequest {
    /** When the first attempt of this request started (`now()` of the retry plugin). */
    readonly retryStartedAt?: number;
  }
}

/** Why the retry plugin does not send a failed request again. */
export type RetryGiveUpReason =
  /** The failure can never be fixed by re-sending (401, 403, 404, 400, permanent 5xx, …). */
  | "not-retryable"
  /** Re-sending could be fixed only for an idempotent request, and this one is not. */
  | "not-idempotent"
  /** A write that may have been applied: reconcile instead (`CW_OUTCOME_UNKNOWN`). */
  | "outcome-unknown"
  /** `maxRetries` retries were made already. */
  | "max-retries"
  /** The next attempt would start after `deadlineMs` since the first one. */
  | "deadline"
  /** The caller's signal fired. */
  | "aborted";

/** What the retry plugin does after one failed attempt. */
export type RetryDecision =
  | {
      readonly willRetry: true;
      /** Wait before the next attempt (the 429's `Retry-After`, else the jittered backoff). */
      readonly delayMs: number;
      /** Retries made before this attempt (0 after the first attempt). */
      readonly retryCount: number;
    }
  | {
      readonly willRetry: false;
      readonly reason: RetryGiveUpReason;
      readonly retryCount: number;
    };

/** Options of the retry plugin (`createConnectWise({ retry: { ... } })`). */
export interface RetryOptions {
  /** Retries after the first attempt; default 4. */
  readonly maxRetries?: number;
  /** First backoff ceiling (ms); default 1000. */
  readonly baseDelayMs?: number;
  /** Backoff growth per attempt; default 2. */
  readonly factor?: number;
  /** Backoff cap (ms); default 60 000. */
  readonly maxDelayMs?: number;
  /** No retry is started once this much time (ms) has passed since the first attempt; default 300 000. */
  readonly deadlineMs?: number;
  /** Injectable sleep (tests). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable randomness for the jitter, in [0, 1). */
  readonly random?: () => number;
  /** Injectable clock. */
  readonly now?: () => number;
}

/** Retry options with every default applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY_OPTIONS = {
  maxRetries: 4,
  baseDelayMs: 1000,
  factor: 2,
  maxDelayMs: 60_000,
  deadlineMs: 300_000,
  sleep: abortableSleep,
  random: Math.random,
  now: Date.now,
} satisfies ResolvedRetryOptions;

/**
 * Whether to retry after `attempt` (1-based) failed with `error`.
 *
 * @example
 * shouldRetry({ method: "GET", idempotent: true }, serverError, 1, DEFAULT_RETRY_OPTIONS); // true
 * shouldRetry({ method: "POST", idempotent: false }, outcomeUnknown, 1, DEFAULT_RETRY_OPTIONS); // false
 */
export function shouldRetry(
  request: { readonly method: HttpMethod; readonly idempotent: boolean },
  error: unknown,
  attempt: number,
  options: Pick<ResolvedRetryOptions, "maxRetries">,
): boolean {
  return retryVerdict(request, error, attempt, options) === true;
}

/**
 * `shouldRetry` with the reason when not: `true`, or why the request is not sent again.
 *
 * @example
 * retryVerdict({ method: "POST", idempotent: false }, serverError, 1, DEFAULT_RETRY_OPTIONS); // "not-idempotent"
 */
export function retryVerdict(
  request: { readonly method: HttpMethod; readonly idempotent: boolean },
  error: unknown,
  attempt: number,
  options: Pick<ResolvedRetryOptions, "maxRetries">,
): true | RetryGiveUpReason {
  const verdict = verdictOfError(request.idempotent, error);
  if (verdict !== true) return verdict;
  return attempt > options.maxRetries ? "max-retries" : true;
}

/** Whether the failure itself allows a retry (ignoring the attempt count). */
function verdictOfError(idempotent: boolean, error: unknown): true | RetryGiveUpReason {
  if (!(error instanceof ConnectWiseError)) return "not-retryable";
  const unlessNotIdempotent = idempotent ? true : "not-idempotent";
  switch (error.code) {
    case "CW_RATE_LIMITED":
      return true;
    case "CW_CONNECTION":
      return "sent" in error && error.sent === true ? unlessNotIdempotent : true;
    case "CW_TIMEOUT":
      return unlessNotIdempotent;
    case "CW_SERVER":
      return "isPermanent" in error && error.isPermanent === true
        ? "not-retryable"
        : unlessNotIdempotent;
    case "CW_REQUEST":
      return error.status === 408 || error.status === 409 ? unlessNotIdempotent : "not-retryable";
    case "CW_OUTCOME_UNKNOWN":
      return "outcome-unknown";
    case "CW_ABORTED":
      return "aborted";
    case "CW_AUTH":
    case "CW_CONFIG":
    case "CW_NOT_FOUND":
    case "CW_PAGINATION":
    case "CW_PERMISSION":
    case "CW_UNKNOWN_COMPANY":
    case "CW_VALIDATION":
      return "not-retryable";
  }
}

/**
 * Full-jitter exponential backoff: `random() * min(maxDelayMs, baseDelayMs * factor^(attempt-1))`.
 *
 * @example
 * backoffMs(3, DEFAULT_RETRY_OPTIONS, () => 0.5); // 2000
 */
export function backoffMs(
  attempt: number,
  options: Pick<ResolvedRetryOptions, "baseDelayMs" | "factor" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    options.maxDelayMs,
    options.baseDelayMs * options.factor ** (attempt - 1),
  );
  return Math.floor(random() * ceiling);
}

/**
 * The wait before the next attempt: the server's `Retry-After` for a 429, else `backoffMs`.
 *
 * @example
 * const limited = new ConnectWiseRateLimitError({ message: "429", retryAfterMs: 30_000 });
 * retryDelayMs(limited, 1, DEFAULT_RETRY_OPTIONS); // 30000
 */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  options: ResolvedRetryOptions,
): number {
  if (error instanceof ConnectWiseRateLimitError && error.retryAfterMs !== undefined) {
    return error.retryAfterMs;
  }
  return backoffMs(attempt, options, options.random);
}

/**
 * The retry plugin's decision after `request` (attempt `request.attempt`) failed with `error`.
 *
 * @example
 * decideRetry(serverError, { ...request, attempt: 5 }, { ...DEFAULT_RETRY_OPTIONS, maxRetries: 4 });
 * // { willRetry: false, reason: "max-retries", retryCount: 4 }
 */
export function decideRetry(
  error: unknown,
  request: PipelineRequest,
  options: ResolvedRetryOptions,
): RetryDecision {
  const retryCount = request.attempt - 1;
  const giveUp = (reason: RetryGiveUpReason): RetryDecision => ({
    willRetry: false,
    reason,
    retryCount,
  });
  if (request.signal?.aborted) return giveUp("aborted");
  const verdict = retryVerdict(request, error, request.attempt, options);
  if (verdict !== true) return giveUp(verdict);
  const delayMs = retryDelayMs(error, request.attempt, options);
  const started = request.retryStartedAt ?? options.now();
  if (options.now() - started + delayMs > options.deadlineMs) return giveUp("deadline");
  return { willRetry: true, delayMs, retryCount };
}

/** The two halves of the retry plugin: the decision-taker and the wrapper that follows it. */
export interface RetryParts {
  /** Takes the decision when an attempt fails (before the `error` hook) and shows it there. */
  readonly annotator: ErrorAnnotator;
  /** Waits and sends again as decided; `attempt` on the request (and in hooks) counts from 1. */
  readonly wrapper: Wrapper;
}

/**
 * The retry plugin's annotator and wrapper, sharing their decisions: the wrapper follows the
 * decision the annotator recorded for a failure, and decides itself only for a failure that
 * did not come from an attempt (e.g. thrown by a `before` hook or another wrapper).
 *
 * @example
 * const { annotator, wrapper } = createRetry({ maxRetries: 2 }, core.log);
 * core.hook.noteError(annotator);
 * core.hook.wrap(wrapper);
 */
export function createRetry(options: RetryOptions, log: Logger): RetryParts {
  const resolved: ResolvedRetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options };
  const decisions = new WeakMap<object, RetryDecision>();
  const annotator: ErrorAnnotator = (error, request) => {
    const decision = decideRetry(error, request, resolved);
    decisions.set(error, decision);
    return { retry: decision };
  };
  const decisionFor = (error: unknown, request: PipelineRequest): RetryDecision =>
    (typeof error === "object" && error !== null ? decisions.get(error) : undefined) ??
    decideRetry(error, request, resolved);

  /** After `sent` failed with `error`: wait and send again, until success or no retry. */
  const retryAfter = async (
    next: Send,
    sent: PipelineRequest,
    error: unknown,
  ): Promise<ConnectWiseResponse<unknown>> => {
    for (let attempt = sent; ;) {
      const decision = decisionFor(error, attempt);
      if (!decision.willRetry || attempt.signal?.aborted) throw error;
      log.info(`connectwise: retrying ${attempt.method} ${attempt.path} in ${decision.delayMs}ms`, {
        attempt: attempt.attempt + 1,
        code: (error as ConnectWiseError).code,
      });
      await resolved.sleep(decision.delayMs, attempt.signal);
      attempt = { ...attempt, attempt: attempt.attempt + 1 };
      try {
        return await next(attempt);
      } catch (retryError) {
        error = retryError;
      }
    }
  };
  // The first attempt adds one object (the start time) and no `await` layer.
  const wrapper: Wrapper = (next, request) => {
    const first: PipelineRequest = Object.assign({}, request, { retryStartedAt: resolved.now() });
    return callAsync(next, first).then(undefined, (error: unknown) =>
      retryAfter(next, first, error),
    );
  };
  return { annotator, wrapper };
}

/**
 * The retry wrapper alone (without the annotator, it takes each decision itself when the
 * failure reaches it, and hooks see no `retry` decision); `attempt` counts up from 1.
 *
 * @example
 * core.hook.wrap(retryWrapper({ maxRetries: 2 }, core.log));
 */
export function retryWrapper(options: RetryOptions, log: Logger): Wrapper {
  return createRetry(options, log).wrapper;
}

/**
 * The retry plugin (installed by `createConnectWise` unless `retry: false`).
 *
 * @example
 * const core = createConnectWiseCore(options); retry(core, { ...options, retry: { maxRetries: 2 } });
 */
export const retry: ConnectWisePlugin = (client, options) => {
  if (options.retry === false) return;
  const { annotator, wrapper } = createRetry(options.retry ?? {}, client.log);
  client.hook.noteError(annotator);
  client.hook.wrap(wrapper);
};

/** `setTimeout` as a promise that rejects with `ConnectWiseAbortError` when `signal` fires. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(
        new ConnectWiseAbortError({ message: "aborted by the caller while waiting to retry" }),
      );
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
