/**
 * The inbound alert event accepted by {@link ingestAlert} (`.strict()`, with limits): what an
 * adapter (Alertmanager, Grafana, API, CLI) hands over after mapping its own payload.
 */
import { z } from "zod";
import { ALERT_SEVERITIES } from "../../domain/alert-event.js";
import { safeString } from "../../domain/safe-text.js";

/** Size limits of an alert event. */
export const ALERT_LIMITS = {
  id: 200,
  name: 500,
  policy: 500,
  summary: 2_000,
  description: 50_000,
  customerId: 500,
  deviceId: 500,
  fingerprint: 500,
  labelCount: 64,
  labelKey: 200,
  labelValue: 2_000,
} as const;

/** A string without control characters or broken surrogates, trimmed, within `max`. */
function text(max: number, options: { readonly multiline?: boolean } = {}) {
  return safeString()
    .max(max)
    .refine((value) => options.multiline === true || !/[\r\n]/.test(value), {
      message: "must be a single line",
    });
}

function required(max: number) {
  return text(max).refine((value) => value.trim() !== "", { message: "must not be empty" });
}

/**
 * Schema of an inbound alert event.
 *
 * @example
 * alertInputSchema.parse({ id: "evt-1", kind: "fire", name: "Disk full", summary: "C: 98%", customerId: "acme" });
 */
export const alertInputSchema = z
  .object({
    /** Delivery id: the same id twice is a duplicate delivery (dropped). */
    id: required(ALERT_LIMITS.id),
    kind: z.enum(["fire", "resolve"]),
    name: required(ALERT_LIMITS.name),
    policy: text(ALERT_LIMITS.policy).optional(),
    severity: z.enum(ALERT_SEVERITIES).optional(),
    labels: z
      .record(required(ALERT_LIMITS.labelKey), text(ALERT_LIMITS.labelValue))
      .refine((labels) => Object.keys(labels).length <= ALERT_LIMITS.labelCount, {
        message: `at most ${ALERT_LIMITS.labelCount} labels`,
      })
      .optional(),
    summary: required(ALERT_LIMITS.summary),
    description: text(ALERT_LIMITS.description, { multiline: true }).optional(),
    customerId: required(ALERT_LIMITS.customerId),
    deviceId: required(ALERT_LIMITS.deviceId).optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    /** Stable identity of the alert in the source (Alertmanager fingerprint). */
    fingerprint: required(ALERT_LIMITS.fingerprint).optional(),
  })
  .strict();

/** A validated inbound alert event. */
export type AlertInput = z.output<typeof alertInputSchema>;
