/**
 * Every stable error code of cwbridge (and of the ConnectWise client) with its kind, gathered
 * from the tables each error module keeps beside its class (`*_ERROR_KINDS`). Nothing is written
 * twice here: a new code gets its kind where its class is defined, and lands here by import.
 * Used to describe a code without an error at hand (the CLI's `exitCodeOf`, the error-codes doc
 * check, later the server's OpenAPI listing).
 */
import { CONFIG_ERROR_KINDS } from "../config.js";
import { CLIENT_ERROR_KINDS } from "../connectwise/error-kind.js";
import { CONNECTION_ERROR_KINDS } from "../connectwise/errors.js";
import { EVENTS_LOG_ERROR_KINDS } from "../connectwise/events-log-error.js";
import type { ErrorKind } from "../core/app-error.js";
import { ENGINE_ERROR_KINDS } from "../core/errors.js";
import { DOMAIN_ERROR_KINDS } from "../domain/errors.js";
import { ALERT_ERROR_KINDS } from "../features/alerts/errors.js";
import { CUSTOMER_ERROR_KINDS } from "../features/customers/errors.js";
import { DEVICE_ERROR_KINDS } from "../features/devices/errors.js";
import { EVENTS_ERROR_KINDS } from "../features/events/errors.js";
import { INVENTORY_ERROR_KINDS } from "../features/inventory/errors.js";
import { KEYS_ERROR_KINDS } from "../features/keys/errors.js";
import { PERMISSIONS_ERROR_KINDS } from "../features/permissions/errors.js";
import { REPORTS_ERROR_KINDS } from "../features/reports/errors.js";
import { SOURCE_ERROR_KINDS } from "../features/sources/errors.js";
import { QUEUE_ERROR_KINDS } from "../queue/errors.js";
import { SECRETS_ERROR_KINDS } from "../secrets/errors.js";
import { STORE_ERROR_KINDS } from "../store/errors.js";

const TABLES: readonly Readonly<Record<string, ErrorKind>>[] = [
  CLIENT_ERROR_KINDS,
  CONNECTION_ERROR_KINDS,
  EVENTS_LOG_ERROR_KINDS,
  CONFIG_ERROR_KINDS,
  ENGINE_ERROR_KINDS,
  DOMAIN_ERROR_KINDS,
  ALERT_ERROR_KINDS,
  CUSTOMER_ERROR_KINDS,
  DEVICE_ERROR_KINDS,
  EVENTS_ERROR_KINDS,
  INVENTORY_ERROR_KINDS,
  KEYS_ERROR_KINDS,
  PERMISSIONS_ERROR_KINDS,
  REPORTS_ERROR_KINDS,
  SOURCE_ERROR_KINDS,
  QUEUE_ERROR_KINDS,
  SECRETS_ERROR_KINDS,
  STORE_ERROR_KINDS,
];

/** Code → kind, for every code the app and the client raise (the CLI adds its own). */
export const ERROR_CODE_KINDS: ReadonlyMap<string, ErrorKind> = new Map(
  TABLES.flatMap((table) => Object.entries(table)),
);
