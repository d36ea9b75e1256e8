/** `createValidator()`: a zod-backed `ResponseValidator` for `createResources(core, { validate })`. */
import type { z } from "zod";
import type { ResourceSchemaName, ResponseValidator } from "../resources/validation.js";
import { responseSchemas } from "./registry.js";

/** A response entity did not match its schema. */
export class ConnectWiseSchemaError extends Error {
  readonly code = "CW_SCHEMA" as const;
  readonly schemaName: ResourceSchemaName;
  /** zod's issues, with paths into the entity. */
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(schemaName: ResourceSchemaName, issues: readonly z.core.$ZodIssue[]) {
    super(`ConnectWise ${schemaName} response does not match its schema: ${summarize(issues)}`);
    this.name = "ConnectWiseSchemaError";
    this.schemaName = schemaName;
    this.issues = issues;
  }
}

function summarize(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Options of `createValidator`. */
export interface ValidatorOptions {
  /**
   * `throw` (default): reject the entity with `ConnectWiseSchemaError`.
   * `report`: call `onIssue` and return the data unchanged (log-only rollout).
   */
  readonly mode?: "throw" | "report";
  readonly onIssue?: (error: ConnectWiseSchemaError, data: unknown) => void;
}

/**
 * A response validator backed by the zod schemas (unknown fields are kept).
 *
 * @example
 * import { createValidator } from "@cwbridge/connectwise/schemas";
 * const resources = createResources(core, { validate: createValidator() });
 */
export function createValidator(options: ValidatorOptions = {}): ResponseValidator {
  const { mode = "throw", onIssue } = options;
  return (schemaName, data) => {
    const result = responseSchemas[schemaName].safeParse(data);
    if (result.success) return result.data;
    const error = new ConnectWiseSchemaError(schemaName, result.error.issues);
    if (mode === "throw") throw error;
    onIssue?.(error, data);
    return data;
  };
}
