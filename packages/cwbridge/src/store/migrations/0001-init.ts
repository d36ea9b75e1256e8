/**
 * 0001: the initial schema (see `schema.ts` for the column conventions).
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectOps } from "../dialects/dialect-ops.js";
import { boolColumn, enumColumn, jsonColumn, timestampColumn } from "./column-helpers.js";

type Db = Kysely<unknown>;

async function createConnections(db: Db): Promise<void> {
  let t = db.schema
    .createTable("connections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("site", "text", (c) => c.notNull())
    .addColumn("company_id", "text", (c) => c.notNull())
    .addColumn("public_key", "text", (c) => c.notNull())
    .addColumn("private_key_enc", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.notNull())
    .addColumn("member_id", "text")
    .addColumn("api_version", "text", (c) => c.notNull())
    .addColumn("codebase", "text");
  t = boolColumn(t, "allow_insecure", 0);
  t = boolColumn(t, "enabled", 0);
  t = jsonColumn(t, "settings_json");
  t = timestampColumn(t, "created_at");
  await timestampColumn(t, "updated_at").execute();
}

async function createSources(db: Db): Promise<void> {
  let t = db.schema
    .createTable("sources")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("connection_id", "text", (c) => c.references("connections.id").onDelete("set null"))
    .addColumn("token_hash", "text", (c) => c.unique());
  t = jsonColumn(t, "settings_json");
  t = timestampColumn(t, "created_at");
  await timestampColumn(t, "updated_at").execute();
}

async function createCustomers(db: Db): Promise<void> {
  await db.schema
    .createTable("customers")
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id").onDelete("cascade"))
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("display_name", "text")
    .addColumn("domain", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("customers_pk", ["source_id", "external_id"])
    .execute();
}

async function createCwCompanies(db: Db): Promise<void> {
  let t = db.schema
    .createTable("cw_companies")
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("cw_id", "integer", (c) => c.notNull())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull());
  t = jsonColumn(t, "type_ids_json", "[]");
  t = jsonColumn(t, "type_names_json", "[]");
  t = t.addColumn("status_id", "integer").addColumn("status_name", "text");
  t = boolColumn(t, "deleted", 0);
  await timestampColumn(t, "fetched_at")
    .addPrimaryKeyConstraint("cw_companies_pk", ["connection_id", "cw_id"])
    .execute();
  await db.schema
    .createIndex("cw_companies_identifier_idx")
    .on("cw_companies")
    .columns(["connection_id", "identifier"])
    .execute();
}

async function createMappings(db: Db): Promise<void> {
  let t = db.schema
    .createTable("mappings")
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id").onDelete("cascade"))
    .addColumn("customer_external_id", "text", (c) => c.notNull())
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("cw_company_id", "integer")
    .addColumn("cw_site_id", "integer")
    .addColumn(
      "method",
      "text",
      enumColumn("method", ["identifier", "display_name", "name", "manual", "none"]),
    )
    .addColumn("score", "double precision", (c) => c.notNull().defaultTo(0));
  t = boolColumn(t, "review", 0);
  t = boolColumn(t, "manual", 0);
  t = t
    .addColumn(
      "sync_status",
      "text",
      enumColumn("sync_status", ["Unsynced", "Syncing", "Synced", "Error"], "Unsynced"),
    )
    .addColumn("last_error", "text");
  await timestampColumn(t, "updated_at")
    .addPrimaryKeyConstraint("mappings_pk", ["source_id", "customer_external_id"])
    .execute();
  await db.schema
    .createIndex("mappings_company_idx")
    .on("mappings")
    .columns(["connection_id", "cw_company_id"])
    .execute();
}

async function createDevices(db: Db): Promise<void> {
  const t = db.schema
    .createTable("devices")
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id").onDelete("cascade"))
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("customer_external_id", "text", (c) => c.notNull())
    .addColumn("data_json", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("pushed_hash", "text")
    .addColumn("cw_config_id", "integer")
    .addColumn("cw_company_id", "integer")
    .addColumn("state", "text", enumColumn("state", ["active", "removed"], "active"))
    .addColumn("absent_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_seen_at", "text", (c) => c.notNull());
  await timestampColumn(t, "updated_at")
    .addPrimaryKeyConstraint("devices_pk", ["source_id", "external_id"])
    .execute();
  await db.schema
    .createIndex("devices_customer_idx")
    .on("devices")
    .columns(["source_id", "customer_external_id"])
    .execute();
}

async function createConfigTypes(db: Db): Promise<void> {
  await db.schema
    .createTable("config_types")
    .addColumn("connection_id", "text", (c) =>
      c.notNull().references("connections.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", enumColumn("kind", ["type", "status"]))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("cw_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("config_types_pk", ["connection_id", "kind", "name"])
    .execute();
}

async function createIncidents(db: Db): Promise<void> {
  let t = db.schema
    .createTable("incidents")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id"))
    .addColumn("connection_id", "text", (c) => c.notNull().references("connections.id"))
    .addColumn("external_xref", "text", (c) => c.notNull().unique())
    .addColumn("state", "text", enumColumn("state", ["opening", "open", "resolving", "closed"]))
    .addColumn("cw_ticket_id", "integer")
    .addColumn("device_external_id", "text")
    .addColumn("summary", "text", (c) => c.notNull());
  t = jsonColumn(t, "payload_json");
  t = t.addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0));
  for (const name of ["outcome_unknown_since", "last_note_at"]) {
    t = timestampColumn(t, name, { nullable: true });
  }
  t = timestampColumn(t, "opened_at");
  for (const name of ["resolved_at", "closed_at"]) {
    t = timestampColumn(t, name, { nullable: true });
  }
  await timestampColumn(t, "updated_at").execute();
  await db.schema
    .createIndex("incidents_state_idx")
    .on("incidents")
    .columns(["connection_id", "state"])
    .execute();
}

async function createInboundEvents(db: Db): Promise<void> {
  await db.schema
    .createTable("inbound_events")
    .addColumn("source_id", "text", (c) => c.notNull().references("sources.id").onDelete("cascade"))
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("payload_hash", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("inbound_events_pk", ["source_id", "event_id"])
    .execute();
  await db.schema
    .createIndex("inbound_events_received_idx")
    .on("inbound_events")
    .column("received_at")
    .execute();
}

async function createRoutingRules(db: Db): Promise<void> {
  await db.schema
    .createTable("routing_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("source_id", "text", (c) => c.references("sources.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("match_json", "text", (c) => c.notNull())
    .addColumn("target_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("routing_rules_position_idx")
    .on("routing_rules")
    .columns(["source_id", "position"])
    .execute();
}

async function createRequestLog(db: Db, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable("request_log")
    .addColumn("id", ops.identityType, (c) => ops.identityColumn(c))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("connection_id", "text")
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("status", "integer")
    .addColumn("latency_ms", "integer", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn(
      "outcome",
      "text",
      enumColumn("outcome", ["ok", "retry", "error", "outcome_unknown", "planned"]),
    )
    .addColumn("error_code", "text")
    .addColumn("job_id", "text")
    .addColumn("cw_request_id", "text")
    .execute();
  await db.schema.createIndex("request_log_at_idx").on("request_log").column("at").execute();
  await db.schema
    .createIndex("request_log_connection_idx")
    .on("request_log")
    .columns(["connection_id", "id"])
    .execute();
}

async function createJobs(db: Db, ops: DialectOps): Promise<void> {
  let t = db.schema
    .createTable("jobs")
    .addColumn("id", ops.identityType, (c) => ops.identityColumn(c))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload_json", "text", (c) => c.notNull())
    .addColumn("key", "text")
    .addColumn("queue_name", "text")
    .addColumn("priority", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn(
      "state",
      "text",
      enumColumn("state", ["pending", "running", "done", "failed"], "pending"),
    );
  t = timestampColumn(t, "locked_at", { nullable: true });
  t = t.addColumn("locked_by", "text").addColumn("last_error", "text");
  t = timestampColumn(t, "created_at");
  await timestampColumn(t, "updated_at").execute();
  await db.schema
    .createIndex("jobs_pending_key_uq")
    .unique()
    .on("jobs")
    .column("key")
    .where(sql.ref("state"), "=", "pending")
    .execute();
  await db.schema
    .createIndex("jobs_claim_idx")
    .on("jobs")
    .columns(["state", "priority", "run_at", "id"])
    .execute();
  await db.schema
    .createIndex("jobs_queue_idx")
    .on("jobs")
    .columns(["queue_name", "state"])
    .execute();
}

async function createKv(db: Db): Promise<void> {
  await db.schema
    .createTable("kv")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

/** The 0001 migration for a dialect. */
export function init0001(ops: DialectOps): Migration {
  return {
    up: async (db: Db) => {
      await createConnections(db);
      await createSources(db);
      await createCustomers(db);
      await createCwCompanies(db);
      await createMappings(db);
      await createDevices(db);
      await createConfigTypes(db);
      await createIncidents(db);
      await createInboundEvents(db);
      await createRoutingRules(db);
      await createRequestLog(db, ops);
      await createJobs(db, ops);
      await createKv(db);
    },
  };
}
