/**
 * Typed store errors with stable codes, and portable detection of driver errors.
 */
import { AppError, type ErrorKind } from "../core/app-error.js";
import { postgresOps } from "./dialects/postgres.js";
import { sqliteOps } from "./dialects/sqlite.js";

/** Stable error codes of the store. */
export type StoreErrorCode = "CWB_ERR_STORE_UNIQUE_VIOLATION" | "CWB_ERR_STORE_MIGRATION";

/**
 * The kind of each code: both `internal`, a failed migration and a unique violation that reached
 * the top (callers that expect duplicates raise their own `conflict` code, e.g.
 * `CWB_ERR_SOURCE_EXISTS`).
 */
export const STORE_ERROR_KINDS = {
  CWB_ERR_STORE_UNIQUE_VIOLATION: "internal",
  CWB_ERR_STORE_MIGRATION: "internal",
} as const satisfies Record<StoreErrorCode, ErrorKind>;

/**
 * Base class of every error the store throws.
 *
 * @example
 * throw new StoreError("CWB_ERR_STORE_MIGRATION", "migration 0001-init failed", { cause });
 */
export class StoreError extends AppError<StoreErrorCode> {
  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super({ code, kind: STORE_ERROR_KINDS[code], message, cause: options.cause });
  }
}

/** A unique or primary-key constraint was violated (either dialect). */
export class UniqueViolationError extends StoreError {
  constructor(cause: unknown) {
    super("CWB_ERR_STORE_UNIQUE_VIOLATION", "unique constraint violated", { cause });
  }
}

function isRawUniqueViolation(err: unknown): boolean {
  return sqliteOps.isUniqueViolation(err) || postgresOps.isUniqueViolation(err);
}

/**
 * Whether `err` (a raw SQLite/PostgreSQL driver error, a {@link UniqueViolationError}, or an
 * error whose `cause` chain holds one) is a unique-constraint violation.
 *
 * @example
 * try { await db.insertInto("sources").values(row).execute(); }
 * catch (e) { if (isUniqueViolation(e)) return conflict(); throw e; }
 */
export function isUniqueViolation(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current instanceof UniqueViolationError || isRawUniqueViolation(current)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/**
 * Maps a raw driver error to a typed store error when it is one we know; otherwise returns it.
 *
 * @example
 * await insert().catch((e: unknown) => { throw toStoreError(e); });
 */
export function toStoreError(err: unknown): unknown {
  if (err instanceof StoreError) return err;
  return isUniqueViolation(err) ? new UniqueViolationError(err) : err;
}
