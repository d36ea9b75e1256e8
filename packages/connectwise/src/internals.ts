/**
 * `@cwbridge/connectwise/internals`: the pipeline for plugin authors and tools — wrappers and
 * their composition, request building, failure classification, option resolution, codebase
 * discovery, transport, link headers and the retry / throttle building blocks. Listed name by
 * name; these may change in a minor release (the root entry point is the stable API).
 */
export {
  authHeaders,
  basicAuthorization,
  redactApiUrl,
  redactError,
  redactText,
  redactUrl,
  type ConnectWiseCredentials,
} from "./auth.js";
export {
  classifyFailure,
  classifyResponse,
  isIdempotentRequest,
  type FailureFacts,
  type ResponseFacts,
} from "./classify.js";
export {
  createCodebaseResolver,
  discoverCodebase,
  type CodebaseResolver,
  type DiscoveryOptions,
} from "./codebase.js";
export type { ConnectWiseErrorInit } from "./errors.js";
export {
  composeWrappers,
  runObserver,
  type ErrorAnnotator,
  type ErrorNotes,
  type PipelineRequest,
  type Send,
  type Wrapper,
} from "./hooks.js";
export { nextLinkParams, parseLinkHeader } from "./link-header.js";
export {
  normalizeCodebase,
  normalizeLogger,
  resolveOptions,
  type ResolvedOptions,
} from "./options.js";
export { collect, count, listQueryParams, paginate, type PagingCore } from "./paginate.js";
export {
  createRetry,
  decideRetry,
  retryDelayMs,
  retryWrapper,
  type ResolvedRetryOptions,
  type RetryParts,
} from "./plugins/retry.js";
export { outcomeOf, throttleWrapper } from "./plugins/throttle.js";
export {
  buildApiUrl,
  buildHeaders,
  createApiUrlBuilder,
  createHeaderBuilder,
  encodeQuery,
  type ApiUrlBuilder,
  type HeaderBuilder,
  type HeaderSettings,
  type QueryInput,
} from "./request.js";
export { parseRetryAfter } from "./retry-after.js";
export { isLoopbackHost, resolveSiteOrigin } from "./sites.js";
export { parseBody, sendHttp, type HttpCall } from "./transport.js";
export { applyPlugins } from "./with-plugins.js";
