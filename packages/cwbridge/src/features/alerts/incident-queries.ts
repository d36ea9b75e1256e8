/**
 * Read-only incident queries for the API, CLI and UI.
 */
import { z } from "zod";
import type { AppContext } from "../../core/context.js";
import { invalidInput } from "./errors.js";
import { loadIncident, selectIncidents } from "./incident-repository.js";
import type { Incident } from "./incident-record.js";

/** Schema of {@link listIncidents}' filter (`.strict()`). */
export const incidentFilterSchema = z
  .object({
    state: z.enum(["opening", "open", "resolving", "closed"]).optional(),
    sourceId: z.string().min(1).max(200).optional(),
    connectionId: z.string().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(1_000).default(100),
  })
  .strict();

/** Filter of {@link listIncidents}. */
export type IncidentQuery = z.input<typeof incidentFilterSchema>;

/**
 * One incident by key, or `undefined`.
 *
 * @example
 * const incident = await getIncident(ctx, result.incidentKey); incident?.ticketId // 9001
 */
export async function getIncident(
  ctx: Pick<AppContext, "scope">,
  key: string,
): Promise<Incident | undefined> {
  return loadIncident(ctx.scope.db, key);
}

/**
 * Incidents, most recently updated first (bad filter → `CWB_ERR_ALERT_INVALID`).
 *
 * @example
 * const open = await listIncidents(ctx, { state: "open", limit: 50 });
 */
export async function listIncidents(
  ctx: Pick<AppContext, "scope">,
  query: IncidentQuery = {},
): Promise<Incident[]> {
  const parsed = incidentFilterSchema.safeParse(query);
  if (!parsed.success)
    throw invalidInput("CWB_ERR_ALERT_INVALID", "incident filter", parsed.error.issues);
  const { state, sourceId, connectionId, limit } = parsed.data;
  return selectIncidents(ctx.scope.db, {
    limit,
    ...(state === undefined ? {} : { state }),
    ...(sourceId === undefined ? {} : { sourceId }),
    ...(connectionId === undefined ? {} : { connectionId }),
  });
}
