/**
 * Tenants: every row of every table belongs to one. A vendor running cwbridge for many MSPs
 * keeps each MSP (its connections, sources, customers, devices, incidents, events and jobs) in
 * a tenant of its own; a single MSP never needs more than `default`.
 */
import { z } from "zod";

/** The tenant of a single-tenant install, and of every row from before tenants (0005). */
export const DEFAULT_TENANT = "default";

/** A tenant id: 1–63 of lower-case letters, digits, `-` and `_`, starting with a letter or digit. */
export const tenantSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    "must be 1–63 lower-case letters, digits, '-' or '_', starting with a letter or digit",
  );
