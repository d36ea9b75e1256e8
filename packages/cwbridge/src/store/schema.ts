/**
 * The Kysely `Database` interface: one schema for SQLite and PostgreSQL.
 *
 * Conventions (see README.md):
 * - entity ids are text UUIDs (`newId()`); append-only logs (`request_log`, `jobs`) use an
 *   integer identity (`Generated<number>`);
 * - timestamps are ISO-8601 UTC text (`nowIso()`), so they sort and compare as text;
 * - booleans are integers 0/1 on both dialects;
 * - JSON is text (`*_json` columns), parsed by the repo mappers.
 */
import type { Generated } from "kysely";

/** 0 or 1: the portable boolean. */
export type IntBool = 0 | 1;

export interface ConnectionsTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  id: string;
  name: string;
  site: string;
  company_id: string;
  public_key: string;
  /** Ciphertext produced by the secrets module; never the plain key. */
  private_key_enc: string;
  client_id: string;
  member_id: string | null;
  api_version: string;
  codebase: string | null;
  allow_insecure: Generated<IntBool>;
  enabled: Generated<IntBool>;
  settings_json: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SourcesTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  id: string;
  name: string;
  kind: string;
  connection_id: string | null;
  token_hash: string | null;
  settings_json: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface CustomersTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  source_id: string;
  external_id: string;
  name: string;
  display_name: string | null;
  domain: string | null;
  /** 0002 */
  identifier: string | null;
  updated_at: string;
}

export interface CwCompaniesTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  connection_id: string;
  cw_id: number;
  identifier: string;
  name: string;
  type_ids_json: Generated<string>;
  type_names_json: Generated<string>;
  status_id: number | null;
  status_name: string | null;
  deleted: Generated<IntBool>;
  fetched_at: string;
  /** 0002 */
  website: string | null;
}

export type MappingMethod = "identifier" | "display_name" | "name" | "manual" | "none";
export type MappingSyncStatus = "Unsynced" | "Syncing" | "Synced" | "Error";

export interface MappingsTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  source_id: string;
  customer_external_id: string;
  connection_id: string;
  cw_company_id: number | null;
  cw_site_id: number | null;
  method: MappingMethod;
  score: Generated<number>;
  review: Generated<IntBool>;
  manual: Generated<IntBool>;
  sync_status: Generated<MappingSyncStatus>;
  last_error: string | null;
  updated_at: string;
  /** 0002: the exact domain match method (`display-name-fuzzy`, `domain`, …). */
  match_method: string | null;
  review_reason: string | null;
  candidates_json: Generated<string>;
}

export type DeviceState = "active" | "removed";

export interface DevicesTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  source_id: string;
  external_id: string;
  customer_external_id: string;
  data_json: string;
  content_hash: string;
  pushed_hash: string | null;
  cw_config_id: number | null;
  cw_company_id: number | null;
  state: Generated<DeviceState>;
  absent_count: Generated<number>;
  last_seen_at: string;
  updated_at: string;
  /** 0002: the payload last pushed (ids resolved), drives PATCH diffs. */
  pushed_json: string | null;
  cw_site_id: number | null;
  /** 0002: 1 once cwbridge deactivated the configuration. */
  cw_inactive: Generated<IntBool>;
  /** 0002: 1 while a create's outcome is unknown (search by device key before creating). */
  outcome_unknown: Generated<IntBool>;
  sync_error: string | null;
  /** 0002: ambiguous adoption (JSON `{ by, configIds }`); the device waits for a human. */
  adopt_review: string | null;
}

export type ConfigTypeKind = "type" | "status";

export interface ConfigTypesTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  connection_id: string;
  kind: ConfigTypeKind;
  name: string;
  cw_id: number;
}

export type IncidentState = "opening" | "open" | "resolving" | "closed";

export interface IncidentsTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  key: string;
  source_id: string;
  connection_id: string;
  external_xref: string;
  state: IncidentState;
  cw_ticket_id: number | null;
  device_external_id: string | null;
  summary: string;
  payload_json: Generated<string>;
  attempts: Generated<number>;
  outcome_unknown_since: string | null;
  last_note_at: string | null;
  opened_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  updated_at: string;
}

export interface InboundEventsTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  source_id: string;
  event_id: string;
  payload_hash: string;
  received_at: string;
}

export interface RoutingRulesTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  id: string;
  source_id: string | null;
  position: number;
  match_json: string;
  target_json: string;
  created_at: string;
}

/**
 * `sending`: written (and committed) before the attempt leaves; the completion updates it.
 * A row left `sending` by a process that died becomes `outcome_unknown` (0003).
 */
export type RequestOutcome = "sending" | "ok" | "retry" | "error" | "outcome_unknown" | "planned";

export interface RequestLogTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  id: Generated<number>;
  at: string;
  connection_id: string | null;
  method: string;
  path: string;
  status: number | null;
  latency_ms: number;
  attempt: number;
  outcome: RequestOutcome;
  error_code: string | null;
  job_id: string | null;
  cw_request_id: string | null;
  /** 0003: the sending process (host key and pid), for the abandoned-request sweep. */
  owner_host: string | null;
  owner_pid: number | null;
}

export type JobState = "pending" | "running" | "done" | "failed";

export interface JobsTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  id: Generated<number>;
  kind: string;
  payload_json: string;
  key: string | null;
  queue_name: string | null;
  priority: number;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  state: Generated<JobState>;
  locked_at: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface KvTable {
  /**
   * 0005: the tenant the row belongs to (`default` for rows from before tenants); 0007: no
   * default, every insert names it.
   */
  tenant: string;
  key: string;
  value: string;
}

/** Every table of the store. */
export interface Database {
  connections: ConnectionsTable;
  sources: SourcesTable;
  customers: CustomersTable;
  cw_companies: CwCompaniesTable;
  mappings: MappingsTable;
  devices: DevicesTable;
  config_types: ConfigTypesTable;
  incidents: IncidentsTable;
  inbound_events: InboundEventsTable;
  routing_rules: RoutingRulesTable;
  request_log: RequestLogTable;
  jobs: JobsTable;
  kv: KvTable;
  inventory_members: InventoryMembersTable;
  inventory_contacts: InventoryContactsTable;
  inventory_cursors: InventoryCursorsTable;
}

/** 0008: a ConnectWise member read by the user inventory. */
export interface InventoryMembersTable {
  tenant: Generated<string>;
  connection_id: string;
  cw_id: number;
  identifier: string;
  first_name: string;
  last_name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  license_class: string | null;
  /** ConnectWise's `inactiveFlag`. */
  inactive: Generated<IntBool>;
  /** 1 once a full pass no longer returned it. */
  deleted: Generated<IntBool>;
  /** The member's `_info/lastUpdated`. */
  cw_last_updated: string | null;
  /** The refresh stamp that last returned the row. */
  seen_at: string;
  updated_at: string;
}

/** 0008: a contact of a mapped company read by the user inventory. */
export interface InventoryContactsTable {
  tenant: Generated<string>;
  connection_id: string;
  cw_id: number;
  company_id: number;
  company_identifier: string | null;
  company_name: string | null;
  first_name: string;
  last_name: string;
  title: string | null;
  /** The default (else first) e-mail communication item. */
  email: string | null;
  /** The default (else first) phone communication item. */
  phone: string | null;
  inactive: Generated<IntBool>;
  deleted: Generated<IntBool>;
  cw_last_updated: string | null;
  seen_at: string;
  updated_at: string;
}

/** What an inventory cursor row tracks. */
export type InventoryCursorKind = "members" | "contacts" | "company";

/**
 * 0008: `members` / `contacts` (company 0): the `_info/lastUpdated` high-water mark of a
 * connection's reads; `company`: when that mapped company was last read in full.
 */
export interface InventoryCursorsTable {
  tenant: Generated<string>;
  connection_id: string;
  kind: InventoryCursorKind;
  company_id: number;
  last_updated: string | null;
  synced_at: string;
}
