export { CONFIGURATION_FIELDS, inConditions, projectConfiguration } from "./adoption.js";
export { DeviceError, type DeviceErrorCode, type DeviceIssue } from "./errors.js";
export { readCsv, CsvSyntaxError } from "../../lib/csv.js";
export {
  deviceInputSchema,
  DEVICE_FIELDS,
  toSourceDevice,
  type DeviceInput,
} from "./device-schema.js";
export { enqueueDeviceSync, type EnqueueReport } from "./enqueue-sync.js";
export { ACTIVE_STATUS, INACTIVE_STATUS } from "./execute-plan.js";
export { adoptSource, deviceJobHandlers } from "./jobs.js";
export {
  adoptDevicesJob,
  DEVICE_JOB_KINDS,
  syncDevicesJob,
  type AdoptDevicesPayload,
  type SyncDevicesPayload,
} from "./job-specs.js";
export {
  iterateDevicesFile,
  parseDevicesFile,
  readDevicesFile,
  type DevicesFileFormat,
} from "./parse-devices-file.js";
export { findDeviceRow, type DeviceRow } from "./device-repository.js";
export type { Partition } from "./partition-status.js";
export {
  planSync,
  type PartitionPlanSummary,
  type PlannedChange,
  type PlanSyncOptions,
  type SyncPlanReport,
} from "./plan-sync.js";
export {
  deviceHash,
  MAX_DEVICES_PER_PUSH,
  pushDevices,
  type PushDevicesOptions,
  type PushDevicesReport,
} from "./push-devices.js";
export { adoptionChoiceSchema, resolveAdoption, type AdoptionChoice } from "./resolve-adoption.js";
export { approveDeactivations, runSync, type RunSyncReport } from "./run-sync.js";
export { syncPartition, DISABLED_MESSAGE } from "./sync-partition.js";
export { getSyncReport, type SyncReport } from "./sync-report.js";
export { DEFAULT_DEACTIVATION_THRESHOLD } from "./sync-settings.js";
export type { SyncScope } from "./partitions-of.js";
