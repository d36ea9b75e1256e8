/**
 * The public API of `@cwbridge/connectwise`, listed name by name (no `export *`): every name
 * here is under semver. Pipeline internals for plugin authors (wrappers, request building,
 * classification, option resolution, …) are in `@cwbridge/connectwise/internals`.
 * `index.exports.test.ts` pins this list.
 */

// The client
export {
  createConnectWise,
  type ConnectWise,
  type ConnectWiseOptionsWith,
} from "./create-connectwise.js";
export { createConnectWiseCore, type ConnectWiseKernel, type KernelHooks } from "./client.js";
export {
  DEFAULT_API_VERSION,
  DEFAULT_TIMEOUTS,
  type ConnectWiseOptions,
  type TimeoutOptions,
} from "./options.js";
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
export { CLOUD_SITES, isCloudRegion, type CloudRegion } from "./sites.js";
export { VERSION } from "./version.js";

// Errors
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
  type ConnectWiseFieldError,
  type RedactedRequest,
} from "./errors.js";

// Hooks and plugins
export type { AttemptErrorInfo, ConnectWiseHooks, RequestInfo, ResponseInfo } from "./hooks.js";
export type {
  AnyConnectWisePlugin,
  ConnectWisePlugin,
  ExtrasOf,
  PluginExtras,
  PluginResult,
} from "./plugin.js";
export { withPlugins } from "./with-plugins.js";
export {
  backoffMs,
  DEFAULT_RETRY_OPTIONS,
  retry,
  retryVerdict,
  shouldRetry,
  type RetryDecision,
  type RetryGiveUpReason,
  type RetryOptions,
} from "./plugins/retry.js";
export {
  InMemoryLimiter,
  throttle,
  type LimiterOutcome,
  type RequestLimiter,
  type ThrottleExtras,
  type ThrottleOptions,
  type ThrottleStatus,
} from "./plugins/throttle.js";

// Pagination, id batches, PATCH
export { MAX_PAGE_SIZE } from "./paginate.js";
export { batchIdConditions, collectByIds, type BatchIdOptions } from "./batch-ids.js";
export {
  diffPatch,
  isReplaceOnly,
  replaceOps,
  type DiffPatchOptions,
  type PatchOp,
  type PatchOperation,
} from "./patch.js";

// Conditions (also at `@cwbridge/connectwise/conditions`)
export {
  and,
  CONDITIONS_SYNTAX_ERROR_CODE,
  conditionsFor,
  ConditionsBuildError,
  ConditionsSyntaxError,
  contains,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  eq,
  formatConditionDate,
  ge,
  gt,
  isIn,
  isNotNull,
  isNull,
  isValidDateText,
  isValidFieldPath,
  le,
  like,
  lt,
  ne,
  normalizeConditions,
  not,
  notContains,
  notIn,
  notLike,
  or,
  parseConditions,
  printConditions,
  printNumber,
  printScalar,
  toLiteral,
  where,
  type And,
  type Comparison,
  type ComparisonOperator,
  type ConditionsBuildErrorCode,
  type ConditionValue,
  type Expr,
  type FieldPath,
  type FieldValue,
  type Literal,
  type Not,
  type OptionalExpr,
  type Or,
  type ParseConditionsOptions,
  type TypedConditions,
} from "./conditions/index.js";

// The entity table
export {
  ENTITIES,
  entityPath,
  type ChildEntityName,
  type EntityDef,
  type EntityName,
  type EntityOperation,
  type TopEntityName,
} from "./entities.js";

// Resource facades and entity types
export {
  ConnectWiseArgumentError,
  createResources,
  searchBody,
  type AgreementAdditionsResource,
  type AgreementsResource,
  type BoardsResource,
  type CallOptions,
  type Collection,
  type CompaniesResource,
  type CompanySitesResource,
  type ConfigurationsResource,
  type ConnectWiseResources,
  type ContactsResource,
  type FinanceResource,
  type GetOptions,
  type ListOptions,
  type ProcurementResource,
  type ReadOperations,
  type ReportColumn,
  type ReportPage,
  type ReportPageOptions,
  type ReportQuery,
  type ReportsResource,
  type ResourceOptions,
  type ResourceSchemaName,
  type ResponseValidator,
  type SecurityRolesResource,
  type ServiceResource,
  type SetupTable,
  type SystemResource,
  type TicketConfigurationsResource,
  type TicketNotesResource,
  type TicketSearchQuery,
  type TicketsResource,
  type TimeEntriesResource,
  type TimeResource,
  type WriteOperations,
} from "./resources/index.js";
export type * from "./resources/entity-types.js";
