export {
  checkPermissions,
  CORE_FEATURES,
  latestPermissionReport,
  type CheckPermissionsOptions,
  type StoredPermissionReport,
} from "./check-permissions.js";
export { reportKey } from "./repository.js";
export { PermissionsError, type PermissionsErrorCode } from "./errors.js";
export { permissionsJobHandlers, schedulePermissionCheck } from "./job-handlers.js";
export {
  forbiddenKey,
  PERMISSIONS_CHECK_JOB,
  type ForbiddenRecord,
  type PermissionsCheckPayload,
} from "../../connectwise/forbidden.js";
