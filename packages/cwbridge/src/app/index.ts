export type {
  ClientProvider,
  AppClock,
  AppContext,
  JobHandler,
  JobHandlers,
} from "../core/context.js";
export { JOB_PRIORITY } from "../core/context.js";
export { openApp, type OpenAppOptions, type App, type StartOptions } from "./open-app.js";
export { dispatchJob } from "./dispatch.js";
export { EngineError, type EngineErrorCode } from "../core/errors.js";
export { currentJobId, runInJobScope } from "../core/job-scope.js";
export { replaceKeyring } from "../core/keyring-cell.js";
export { DEFAULT_EVENTS_MAX_ROWS, MAINTENANCE_INTERVAL_MS } from "./maintenance.js";
