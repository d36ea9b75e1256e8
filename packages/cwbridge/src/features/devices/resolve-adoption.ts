/**
 * A human's decision for a device whose adoption was ambiguous: link it to one of the existing
 * configurations (verified in ConnectWise: it exists and is in the device's mapped company), or
 * let cwbridge create a new one. The partition's sync is enqueued in the same transaction.
 */
import { ConnectWiseNotFoundError } from "@cwbridge/connectwise";
import { z } from "zod";
import type { AppContext } from "../../core/context.js";
import { describeIssues } from "../../lib/describe-issues.js";
import { sourceConnectionId } from "../sources/index.js";
import { CONFIGURATION_FIELDS, projectConfiguration } from "./adoption.js";
import { saveChosenLink, type ChosenLink } from "./device-repository.js";
import { DeviceError } from "./errors.js";
import { syncDevicesJob } from "./job-specs.js";
import { deviceMapping } from "./partition-queries.js";

/** The decision: an existing configuration id, or create a new configuration. */
export const adoptionChoiceSchema = z.union([
  z.object({ configId: z.number().int().positive() }).strict(),
  z.object({ create: z.literal(true) }).strict(),
]);

/** The decision of {@link resolveAdoption}. */
export type AdoptionChoice = z.infer<typeof adoptionChoiceSchema>;

async function mappedCompany(ctx: AppContext, sourceId: string, externalId: string) {
  const row = await deviceMapping(ctx.scope.db, sourceId, externalId);
  if (row === undefined) {
    throw new DeviceError("CWB_ERR_DEVICE_INVALID", `device ${externalId} does not exist`);
  }
  if (row.companyId === null) {
    throw new DeviceError(
      "CWB_ERR_DEVICE_INVALID",
      `device ${externalId}: its customer is not mapped`,
    );
  }
  return { companyId: row.companyId, siteId: row.siteId };
}

/**
 * Resolves an ambiguous adoption by hand.
 *
 * @example
 * await resolveAdoption(ctx, sourceId, "dev-42", { configId: 20001 });
 * await resolveAdoption(ctx, sourceId, "dev-43", { create: true });
 */
export async function resolveAdoption(
  ctx: AppContext,
  sourceId: string,
  externalId: string,
  choice: AdoptionChoice,
): Promise<void> {
  const parsed = adoptionChoiceSchema.safeParse(choice);
  if (!parsed.success) {
    throw new DeviceError("CWB_ERR_DEVICE_INVALID", describeIssues(parsed.error.issues));
  }
  const connectionId = await sourceConnectionId(ctx, sourceId);
  const { companyId, siteId } = await mappedCompany(ctx, sourceId, externalId);
  let link: Partial<ChosenLink> = {};
  if ("configId" in parsed.data) {
    const cw = await ctx.clients.forConnection(connectionId);
    const config = await cw.configurations
      .get(parsed.data.configId, { fields: [...CONFIGURATION_FIELDS] })
      .catch((error: unknown) => {
        if (error instanceof ConnectWiseNotFoundError) return undefined;
        throw error;
      });
    if (config?.company?.id !== companyId) {
      throw new DeviceError(
        "CWB_ERR_DEVICE_INVALID",
        `configuration ${parsed.data.configId} does not exist in company ${companyId}`,
      );
    }
    link = {
      cw_config_id: config.id,
      cw_company_id: companyId,
      cw_site_id: siteId === null ? null : (config.site?.id ?? null),
      pushed_json: JSON.stringify(projectConfiguration(config)),
      pushed_hash: null,
      cw_inactive: config.activeFlag === false ? 1 : 0,
    };
  }
  await ctx.scope.transaction(async (tx) => {
    await saveChosenLink(tx, sourceId, externalId, link);
    await ctx.queue.enqueue(syncDevicesJob({ sourceId, connectionId, companyId }), tx.storeTx);
  });
}
