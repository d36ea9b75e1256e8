/**
 * The static migration list (an imported array, not a folder scan, so bundled output works).
 * Add a migration: create `NNNN-name.ts` exporting a factory, then add it here. Names sort.
 */
import type { Migration } from "kysely";
import type { DialectOps } from "../dialects/dialect-ops.js";
import { init0001 } from "./0001-init.js";
import { devicesSync0002 } from "./0002-devices-sync.js";
import { requestLogInFlight0003 } from "./0003-request-log-in-flight.js";
import { partitionIndex0004 } from "./0004-partition-index.js";
import { tenants0005 } from "./0005-tenants.js";
import { partitionIndexTenant0006 } from "./0006-partition-index-tenant.js";
import { tenantRequired0007 } from "./0007-tenant-required.js";
import { inventory0008 } from "./0008-inventory.js";

/** Migrations by name, for one dialect. */
export function migrationsFor(ops: DialectOps): Record<string, Migration> {
  return {
    "0001-init": init0001(ops),
    "0002-devices-sync": devicesSync0002(),
    "0003-request-log-in-flight": requestLogInFlight0003(ops),
    "0004-partition-index": partitionIndex0004(),
    "0005-tenants": tenants0005(ops),
    "0006-partition-index-tenant": partitionIndexTenant0006(),
    "0007-tenant-required": tenantRequired0007(ops),
    "0008-inventory": inventory0008(),
  };
}
