/**
 * The device input schema (strict: unknown fields are refused) and its mapping to the domain
 * `SourceDevice`. Limits follow ConnectWise's maxLengths where a field maps 1:1; longer text
 * is refused rather than silently cut (the payload mapper still truncates to ConnectWise's
 * limits where they are shorter).
 */
import { z } from "zod";
import { safeString } from "../../domain/safe-text.js";
import type { SourceDevice } from "../../domain/device-config.js";

const text = (max: number) => safeString().trim().max(max).optional();

/** One device as a source pushes it. */
export const deviceInputSchema = z
  .object({
    externalId: safeString().trim().min(1).max(200),
    customerId: safeString().trim().min(1).max(200),
    name: safeString().trim().min(1).max(200),
    /** Configuration type name, e.g. "Managed Workstation". */
    type: safeString().trim().min(1).max(50),
    serialNumber: text(250),
    tagNumber: text(50),
    macAddress: text(50),
    ipAddress: text(50),
    defaultGateway: text(50),
    osType: text(250),
    osInfo: text(250),
    manufacturer: text(50),
    model: text(50),
    lastLoginName: text(100),
    cpuSpeed: text(100),
    ram: text(25),
    /** The source's own site id (kept; the ConnectWise site comes from the customer mapping). */
    siteId: text(200),
    managementLink: safeString().trim().max(1000).optional(),
    remoteLink: safeString().trim().max(1000).optional(),
    notes: safeString().max(4000).optional(),
  })
  .strict();

/** One device as a source pushes it. */
export type DeviceInput = z.infer<typeof deviceInputSchema>;

/** Field names of {@link deviceInputSchema} (CSV headers). */
export const DEVICE_FIELDS: readonly string[] = Object.keys(deviceInputSchema.shape);

/**
 * A validated device as the domain's `SourceDevice` (empty strings dropped).
 *
 * @example
 * toSourceDevice({ externalId: "d1", customerId: "c1", name: "PC-01", type: "Managed Workstation", model: "T14" })
 * // { externalId: "d1", customerExternalId: "c1", name: "PC-01", type: "Managed Workstation", modelNumber: "T14" }
 */
export function toSourceDevice(input: DeviceInput): SourceDevice {
  const { customerId, model, siteId, ...rest } = input;
  const out: Record<string, string> = { customerExternalId: customerId };
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  if (model !== undefined && model !== "") out["modelNumber"] = model;
  if (siteId !== undefined && siteId !== "") out["siteExternalId"] = siteId;
  return out as unknown as SourceDevice;
}
