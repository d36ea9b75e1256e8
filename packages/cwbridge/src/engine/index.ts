export type {
  ClientProvider,
  EngineClock,
  EngineContext,
  JobHandler,
  JobHandlers,
} from "./context.js";
export { JOB_PRIORITY } from "./context.js";
export {
  createEngine,
  type CreateEngineOptions,
  type Engine,
  type StartOptions,
} from "./create-engine.js";
export { dispatchJob } from "./dispatch.js";
export { EngineError, type EngineErrorCode } from "./errors.js";
export { currentJobId, runInJobScope } from "./job-scope.js";
export { replaceKeyring } from "./keyring-cell.js";
export { DEFAULT_EVENTS_MAX_ROWS, MAINTENANCE_INTERVAL_MS } from "./maintenance.js";
