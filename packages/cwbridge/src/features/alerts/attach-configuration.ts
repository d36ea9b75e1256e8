/**
 * Links the alerting device's configuration to the incident's ticket: the device row's
 * `cw_config_id` when the device sync knows it, else a configuration of the ticket's company
 * whose name, tagNumber or deviceIdentifier is the device id (or its name). Idempotent without
 * a read: a link that already exists answers 400 ObjectExists, which counts as done.
 */
import { and, eq, or } from "@cwbridge/connectwise";
import type { Incident } from "./incident-record.js";
import { findDeviceRow } from "../devices/index.js";
import {
  CONTINUE,
  isNotFound,
  isObjectExists,
  isValidation,
  update,
  type StepContext,
  type StepResult,
} from "./step-context.js";

function deviceName(dataJson: string): string | undefined {
  try {
    const data: unknown = JSON.parse(dataJson);
    const name = (data as { name?: unknown } | null)?.name;
    return typeof name === "string" && name.trim() !== "" ? name : undefined;
  } catch {
    return undefined;
  }
}

async function lookupConfiguration(
  step: StepContext,
  incident: Incident,
  deviceId: string,
  name: string | undefined,
): Promise<number | undefined> {
  const names = [...new Set([deviceId, ...(name === undefined ? [] : [name])])];
  const rows = await step.cw.configurations.list({
    conditions: and(
      eq("company/id", incident.data.companyId),
      or(
        ...names.map((n) => eq("name", n)),
        eq("tagNumber", deviceId),
        eq("deviceIdentifier", deviceId),
      ),
    ),
    orderBy: "id asc",
    pageSize: 2,
  });
  return rows[0]?.id;
}

/**
 * The configuration id to link for the incident's device, if one is known or found.
 *
 * @example
 * const configId = await configurationFor(step, incident);
 */
export async function configurationFor(
  step: StepContext,
  incident: Incident,
): Promise<number | undefined> {
  const deviceId = incident.deviceId;
  if (deviceId === null) return undefined;
  const device = await findDeviceRow(step.ctx.scope.db, incident.sourceId, deviceId);
  if (device?.cw_config_id !== null && device?.cw_config_id !== undefined)
    return device.cw_config_id;
  return lookupConfiguration(
    step,
    incident,
    deviceId,
    device === undefined ? undefined : deviceName(device.data_json),
  );
}

function done(configId: number | undefined) {
  return (i: Incident): Incident => {
    const { configDue: _due, ...data } = i.data;
    return { ...i, data: { ...data, ...(configId === undefined ? {} : { configId }) } };
  };
}

/**
 * Runs the attach step: links the configuration (or gives up quietly when none is found or
 * ConnectWise refuses it — an alert ticket without a linked configuration is still a ticket).
 *
 * @example
 * await attachConfiguration(step, incident);
 */
export async function attachConfiguration(
  step: StepContext,
  incident: Incident,
): Promise<StepResult> {
  const ticketId = incident.ticketId;
  if (incident.data.configDue !== true || ticketId === null) return CONTINUE;
  const configId = await configurationFor(step, incident);
  if (configId !== undefined) {
    try {
      await step.cw.tickets.configurations(ticketId).add(configId);
    } catch (error) {
      if (!isObjectExists(error)) {
        if (!isValidation(error) && !isNotFound(error)) throw error;
        step.ctx.log.warn(
          {
            incident: incident.key,
            ticketId,
            configId,
            code: error instanceof Error ? error.message : "",
          },
          "configuration not linked",
        );
      }
    }
  }
  // Relaxed: a link lost with a power cut is attempted again and answers ObjectExists.
  await update(step, incident.key, done(configId), { durability: "relaxed" });
  return CONTINUE;
}
