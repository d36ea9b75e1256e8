export {
  buildConnectionClient,
  createConnectionLimiter,
  type BuildClientDeps,
  type ClientTuning,
  type ConnectionClientSpec,
} from "./build-client.js";
export {
  createClientProvider,
  isAppClientProvider,
  specFromRow,
  type AppClientProvider,
  type ClientProviderDeps,
} from "./client-provider.js";
export { openConnectionSecret, sealConnectionSecret, secretAad } from "./connection-secrets.js";
export {
  ConnectionError,
  connectionDisabled,
  connectionNotFound,
  invalidInput,
  type ConnectionErrorCode,
  type FieldIssue,
} from "./errors.js";
export {
  forbiddenKey,
  PERMISSIONS_CHECK_JOB,
  recordForbidden,
  type ForbiddenRecord,
  type PermissionsCheckPayload,
} from "./forbidden.js";
export {
  createRequestLogging,
  isWriteRequest,
  logPath,
  type ForbiddenEvent,
  type RequestLogging,
} from "./request-log-plugin.js";
export { checkSitePolicy, isCloudSite, type SitePolicyInput } from "./site-policy.js";
