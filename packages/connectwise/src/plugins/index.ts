export {
  backoffMs,
  DEFAULT_RETRY_OPTIONS,
  retry,
  retryDelayMs,
  retryWrapper,
  shouldRetry,
  type ResolvedRetryOptions,
  type RetryOptions,
} from "./retry.js";
export {
  InMemoryLimiter,
  outcomeOf,
  throttle,
  throttleWrapper,
  type LimiterOutcome,
  type RequestLimiter,
  type ThrottleOptions,
  type ThrottleStatus,
} from "./throttle.js";
