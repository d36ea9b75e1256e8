export type { DialectKind, DialectOps } from "./dialects/dialect-ops.js";
export { StoreError, UniqueViolationError, isUniqueViolation, toStoreError } from "./errors.js";
export type { StoreErrorCode } from "./errors.js";
export { newId } from "./ids.js";
export {
  deleteKv,
  deleteKvIfValue,
  getKv,
  insertKvIfAbsent,
  kvKeysSet,
  kvValuesWithPrefix,
  setKv,
  setKvMany,
  updateKv,
} from "./kv.js";
export { migrateToLatest, pendingMigrations } from "./migrate.js";
export type { MigrateReport } from "./migrate.js";
export { isoIn, nowIso, toIso } from "./now.js";
export { openStore } from "./open-store.js";
export type { Store, StoreOptions, StoreTx } from "./open-store.js";
export {
  appendRequestLog,
  beginRequestLog,
  finishRequestLog,
  pruneRequestLog,
  queryRequestLog,
  toRequestLogEntry,
} from "./request-log.js";
export type {
  RequestFinish,
  RequestLogEntry,
  RequestLogQuery,
  RequestStart,
  StoredRequestLogEntry,
} from "./request-log.js";
export { currentOwner, isPidAlive } from "./request-log-owner.js";
export type { RequestOwner } from "./request-log-owner.js";
export { ENGINE_STOPPED_CODE, isAbandoned, sweepAbandonedRequests } from "./request-log-sweep.js";
export type { InFlightRow, SweepPolicy } from "./request-log-sweep.js";
export type * from "./schema.js";
