export {
  authHeaders,
  basicAuthorization,
  redactText,
  redactUrl,
  type ConnectWiseCredentials,
} from "./auth.js";
export { batchIdConditions, collectByIds, type BatchIdOptions } from "./batch-ids.js";
export {
  classifyFailure,
  classifyResponse,
  isIdempotentRequest,
  type FailureFacts,
  type ResponseFacts,
} from "./classify.js";
export { createConnectWiseCore, type ConnectWiseKernel, type KernelHooks } from "./client.js";
export type {
  AnyConnectWisePlugin,
  ConnectWisePlugin,
  ExtrasOf,
  PluginExtras,
  PluginResult,
} from "./plugin.js";
export { applyPlugins, withPlugins } from "./with-plugins.js";
export {
  createCodebaseResolver,
  discoverCodebase,
  type CodebaseResolver,
  type DiscoveryOptions,
} from "./codebase.js";
export * from "./conditions/index.js";
export { createConnectWise, type ConnectWise } from "./create-connectwise.js";
export {
  ConnectWiseAbortError,
  ConnectWiseAuthError,
  ConnectWiseConfigError,
  ConnectWiseConnectionError,
  ConnectWiseError,
  ConnectWiseNotFoundError,
  ConnectWiseOutcomeUnknownError,
  ConnectWisePaginationError,
  ConnectWisePermissionError,
  ConnectWiseRateLimitError,
  ConnectWiseRequestError,
  ConnectWiseServerError,
  ConnectWiseTimeoutError,
  ConnectWiseUnknownCompanyError,
  ConnectWiseValidationError,
  type ConnectWiseErrorCode,
  type ConnectWiseErrorInit,
  type ConnectWiseFieldError,
  type RedactedRequest,
} from "./errors.js";
export {
  composeWrappers,
  type AttemptErrorInfo,
  type ConnectWiseHooks,
  type ErrorAnnotator,
  type ErrorNotes,
  type PipelineRequest,
  type RequestInfo,
  type ResponseInfo,
  type Send,
  type Wrapper,
} from "./hooks.js";
export { nextLinkParams, parseLinkHeader } from "./link-header.js";
export {
  DEFAULT_API_VERSION,
  DEFAULT_TIMEOUTS,
  normalizeCodebase,
  normalizeLogger,
  resolveOptions,
  type ConnectWiseOptions,
  type ResolvedOptions,
  type TimeoutOptions,
} from "./options.js";
export {
  collect,
  count,
  listQueryParams,
  MAX_PAGE_SIZE,
  paginate,
  type PagingCore,
} from "./paginate.js";
export * from "./plugins/index.js";
export { buildApiUrl, buildHeaders, encodeQuery, type QueryInput } from "./request.js";
export * from "./resources/index.js";
export * from "./patch.js";
export { parseRetryAfter } from "./retry-after.js";
export {
  CLOUD_SITES,
  isCloudRegion,
  isLoopbackHost,
  resolveSiteOrigin,
  type CloudRegion,
} from "./sites.js";
export { parseBody, sendHttp, type HttpCall } from "./transport.js";
export type {
  CollectOptions,
  ConditionsInput,
  ConnectWiseCore,
  ConnectWiseResponse,
  HttpMethod,
  ListQuery,
  Logger,
  PaginateOptions,
  QueryValue,
  RequestOptions,
  RequestPriority,
} from "./types.js";
export { VERSION } from "./version.js";
