/**
 * Test-only: hands devices to the engine the way the inbound API does — durable store writes
 * plus outbox jobs, committed before the call returns — from the test process.
 */
import type { AppContext } from "../../src/core/context.js";
import { pushDevices } from "../../src/features/devices/push-devices.js";
import type { DeviceInput } from "../../src/features/devices/device-schema.js";

/**
 * Pushes the complete device list (snapshot).
 *
 * @example
 * await pushDeviceSnapshot(ctx, world.sourceId, workload.devices);
 */
export async function pushDeviceSnapshot(
  ctx: AppContext,
  sourceId: string,
  devices: readonly DeviceInput[],
): Promise<void> {
  await pushDevices(ctx, sourceId, devices, { mode: "snapshot" });
}
