export { addConnection } from "./add-connection.js";
export { diagnoseFailure, type TestFailure, type TestFailureCode } from "./diagnose-failure.js";
export type {
  AddConnectionInput,
  TestConnectionInput,
  UpdateConnectionInput,
} from "./input-schema.js";
export { getConnection, listConnections, requireConnectionRow } from "./read-connections.js";
export {
  findConnectionRow,
  findConnectionRowByRef,
  listConnectionRows,
  listConnectionSecrets,
  listEnabledConnections,
  listTenants,
  readSettings,
  updateConnectionRow,
  writeConnectionSecrets,
  type ConnectionName,
  type ConnectionRow,
  type ConnectionSecretRow,
} from "./repository.js";
export { removeConnection } from "./remove-connection.js";
export {
  testConnection,
  type ConnectionTestResult,
  type TestConnectionOptions,
  type TestStep,
  type TestStepName,
} from "./test-connection.js";
export { disableConnection, enableConnection } from "./toggle-connection.js";
export {
  resolveSettings,
  type Connection,
  type ConnectionSettings,
  type ResolvedSettings,
} from "./types.js";
export { updateConnection } from "./update-connection.js";
export {
  ConnectionError,
  type ConnectionErrorCode,
  type FieldIssue,
} from "../../connectwise/errors.js";
