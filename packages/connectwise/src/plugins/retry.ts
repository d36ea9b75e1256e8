/**
 * Retry plugin: one pure predicate (`shouldRetry`) and one backoff function (`backoffMs`),
 * wrapped around every request. Idempotent requests are retried on 5xx, timeouts, resets,
 * 408/409 and 429; POSTs only when they provably never reached the server (refused, DNS, 429).
 * A write whose outcome is unknown is never re-sent.
 */
import { callAsync } from "../call-async.js";
import type { ConnectWisePlugin } from "../client.js";
import { ConnectWiseAbortError, ConnectWiseError, ConnectWiseRateLimitError } from "../errors.js";
import type { PipelineRequest, Send, Wrapper } from "../hooks.js";
import type { ConnectWiseResponse, HttpMethod, Logger } from "../types.js";

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
  if (attempt > options.maxRetries || !(error instanceof ConnectWiseError)) return false;
  const { idempotent } = request;
  switch (error.code) {
    case "CW_RATE_LIMITED":
      return true;
    case "CW_CONNECTION":
      return !("sent" in error && error.sent === true) || idempotent;
    case "CW_TIMEOUT":
      return idempotent;
    case "CW_SERVER":
      return idempotent && !("isPermanent" in error && error.isPermanent === true);
    case "CW_REQUEST":
      return idempotent && (error.status === 408 || error.status === 409);
    case "CW_OUTCOME_UNKNOWN":
    case "CW_ABORTED":
    case "CW_AUTH":
    case "CW_CONFIG":
    case "CW_NOT_FOUND":
    case "CW_PAGINATION":
    case "CW_PERMISSION":
    case "CW_UNKNOWN_COMPANY":
    case "CW_VALIDATION":
      return false;
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
 * The retry wrapper; `attempt` on the request (and in hooks) counts up from 1.
 *
 * @example
 * core.hook.wrap(retryWrapper({ maxRetries: 2 }, core.log));
 */
export function retryWrapper(options: RetryOptions, log: Logger): Wrapper {
  const resolved: ResolvedRetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options };
  /** After attempt `failed` threw `error`: wait and send again, until success or no retry. */
  const retryAfter = async (
    next: Send,
    request: PipelineRequest,
    started: number,
    failed: number,
    error: unknown,
  ): Promise<ConnectWiseResponse<unknown>> => {
    for (let attempt = failed; ; attempt++) {
      const delay = nextDelay(error, attempt, request, resolved, started);
      if (delay === undefined) throw error;
      log.info(`connectwise: retrying ${request.method} ${request.path} in ${delay}ms`, {
        attempt: attempt + 1,
        code: (error as ConnectWiseError).code,
      });
      await resolved.sleep(delay, request.signal);
      try {
        return await next({ ...request, attempt: attempt + 1 });
      } catch (retryError) {
        error = retryError;
      }
    }
  };
  // The first attempt adds no `await` layer: the happy path is `next` plus one rejection handler.
  return (next, request) => {
    const started = resolved.now();
    return callAsync(next, request).then(undefined, (error: unknown) =>
      retryAfter(next, request, started, request.attempt, error),
    );
  };
}

function nextDelay(
  error: unknown,
  attempt: number,
  request: PipelineRequest,
  options: ResolvedRetryOptions,
  started: number,
): number | undefined {
  if (request.signal?.aborted || !shouldRetry(request, error, attempt, options)) return undefined;
  const delay = retryDelayMs(error, attempt, options);
  return options.now() - started + delay > options.deadlineMs ? undefined : delay;
}

/**
 * The retry plugin (installed by `createConnectWise` unless `retry: false`).
 *
 * @example
 * const core = createConnectWiseCore(options); retry(core, { ...options, retry: { maxRetries: 2 } });
 */
export const retry: ConnectWisePlugin = (client, options) => {
  if (options.retry === false) return;
  client.hook.wrap(retryWrapper(options.retry ?? {}, client.log));
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
