/**
 * Typed errors of the device service.
 */
import { AppError, type AppIssue, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the device service. */
export type DeviceErrorCode =
  | "CWB_ERR_DEVICE_INVALID"
  | "CWB_ERR_DEVICE_FILE_INVALID"
  | "CWB_ERR_DEVICE_SYNC_INVALID"
  | "CWB_ERR_DEVICE_SYNC_FAILED";

/**
 * The kind of each code: a damaged job payload is `internal`; a sync that ended with transient
 * failures (retried by the queue) is `unavailable`.
 */
export const DEVICE_ERROR_KINDS = {
  CWB_ERR_DEVICE_INVALID: "invalid",
  CWB_ERR_DEVICE_FILE_INVALID: "invalid",
  CWB_ERR_DEVICE_SYNC_INVALID: "internal",
  CWB_ERR_DEVICE_SYNC_FAILED: "unavailable",
} as const satisfies Record<DeviceErrorCode, ErrorKind>;

/**
 * One bad item of a push: `path` (`devices[3].name`, `removed[0]`), plus its index in the list
 * and the field within the item (`index` and `field` are kept for the CLI's `#3 name` lines).
 */
export interface DeviceIssue extends AppIssue {
  readonly index: number;
  readonly field: string;
}

/**
 * An error of the device service; `issues` lists bad items (index + field) of an invalid push.
 *
 * @example
 * try { await pushDevices(ctx, sourceId, devices, { mode: "delta" }); }
 * catch (e) { if (e instanceof DeviceError) console.error(e.issues); } // [{ index: 3, field: "name", message: "…" }]
 */
export class DeviceError extends AppError<DeviceErrorCode, DeviceIssue> {
  constructor(
    code: DeviceErrorCode,
    message: string,
    options: { issues?: readonly DeviceIssue[]; cause?: unknown } = {},
  ) {
    super({ code, kind: DEVICE_ERROR_KINDS[code], message, ...options });
  }
}
