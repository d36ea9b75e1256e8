/**
 * The alert event every inbound adapter (Alertmanager, Grafana, Zabbix, API) produces.
 */
import { z } from "zod";

/** Severities an alert may carry (adapters map their own scales onto these). */
export const ALERT_SEVERITIES = ["critical", "error", "warning", "info", "unknown"] as const;

/** One of {@link ALERT_SEVERITIES}. */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * Schema of an alert event (`.strict()`: unknown fields are rejected).
 *
 * @example
 * const parsed = alertEventSchema.safeParse(body);
 * if (!parsed.success) return c.json({ error: { code: "CWB_ERR_ALERT_INVALID", issues: parsed.error.issues } }, 422);
 */
export const alertEventSchema = z
  .object({
    kind: z.enum(["fire", "resolve"]),
    sourceId: z.string().min(1).max(200),
    /** The source's alert id, or its fingerprint (Alertmanager). */
    alertId: z.string().min(1).max(500),
    name: z.string().min(1).max(500),
    severity: z.enum(ALERT_SEVERITIES).optional(),
    /** Monitor policy / rule group in the source tool (routing input). */
    policy: z.string().max(500).optional(),
    labels: z.record(z.string().max(200), z.string().max(2000)).default({}),
    summary: z.string().max(10_000),
    description: z.string().max(100_000).optional(),
    deviceExternalId: z.string().min(1).max(500).optional(),
    customerExternalId: z.string().min(1).max(500),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .strict();

/** A validated alert event. */
export type AlertEvent = z.output<typeof alertEventSchema>;
