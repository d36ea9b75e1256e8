/**
 * Typed errors of the device service.
 */

/** Stable error codes of the device service. */
export type DeviceErrorCode =
  | "CWB_ERR_DEVICE_INVALID"
  | "CWB_ERR_DEVICE_FILE_INVALID"
  | "CWB_ERR_DEVICE_SYNC_INVALID"
  | "CWB_ERR_DEVICE_SYNC_FAILED";

/** One bad item of a push: its index in the input and the field. */
export interface DeviceIssue {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

/**
 * An error of the device service; `issues` lists bad items (index + field) of an invalid push.
 *
 * @example
 * try { await pushDevices(ctx, sourceId, devices, { mode: "delta" }); }
 * catch (e) { if (e instanceof DeviceError) console.error(e.issues); } // [{ index: 3, field: "name", message: "…" }]
 */
export class DeviceError extends Error {
  readonly code: DeviceErrorCode;
  readonly issues: readonly DeviceIssue[];
  constructor(
    code: DeviceErrorCode,
    message: string,
    options: { issues?: readonly DeviceIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DeviceError";
    this.code = code;
    this.issues = options.issues ?? [];
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}
