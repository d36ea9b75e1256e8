/**
 * Alerts → tickets: routing rules, durable ingest, incident jobs (exactly one open ticket per
 * incident), the reconcile sweep and incident queries.
 */
export { ALERT_LIMITS, alertInputSchema, type AlertInput } from "./alert-input.js";
export { alertJobHandlers, INCIDENT_MAX_RUNS, incidentRetryDelayMs } from "./alert-jobs.js";
export {
  alertSettingsSchema,
  readAlertSettings,
  readStoredAlertSettings,
  writeAlertSettings,
  type AlertSettings,
  type AlertSettingsInput,
} from "./alert-settings.js";
export { convergeIncident, nextIncidentStep, type IncidentStep } from "./converge-incident.js";
export { AlertError, type AlertErrorCode, type AlertIssue } from "./errors.js";
export {
  getIncident,
  listIncidents,
  incidentFilterSchema,
  type IncidentQuery,
} from "./incident-queries.js";
export type { Incident, IncidentData } from "./incident-record.js";
export {
  ingestAlert,
  incidentKeyOf,
  TICKET_SUMMARY_MAX,
  type IngestResult,
} from "./ingest-alert.js";
export { ALERT_JOB_KINDS, type IncidentJobKind } from "./job-specs.js";
export { countConnectionIncidents } from "./incident-repository.js";
export {
  reconcileTickets,
  scheduleReconcile,
  scheduleReconcileSweeps,
  type ReconcileReport,
} from "./reconcile-tickets.js";
export { recordTicketClosed } from "./ticket-closed.js";
export {
  closedStatusOf,
  duplicateStatusOf,
  invalidateRouteCache,
  openStatusOf,
  resolveRouteTarget,
  type ResolvedRoute,
} from "./route-resolver.js";
export {
  addRoutingRule,
  listRoutingRules,
  removeRoutingRule,
  type AddRoutingRuleOptions,
  type StoredRoutingRule,
} from "./routing-rules.js";
