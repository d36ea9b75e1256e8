/**
 * Optional runtime validation of responses. The facades never import zod: they call a
 * `ResponseValidator` you pass in (for example `createValidator()` from
 * `@cwbridge/connectwise/schemas`), and by default return the data as received.
 */

import type { EntityName } from "../entities.js";

/**
 * The schema names (ConnectWise component names) the facades validate against: the keys of
 * the entity table (`ENTITIES` in `entities.ts`).
 */
export type ResourceSchemaName = EntityName;

/**
 * Checks (and may normalise) one response entity; throws to reject it.
 * Called once per entity (each row of a list).
 */
export type ResponseValidator = (schemaName: ResourceSchemaName, data: unknown) => unknown;

/** Options of `createResources`. */
export interface ResourceOptions {
  /** Response validation hook; default: none (data is returned as received). */
  readonly validate?: ResponseValidator;
}

/**
 * The validator used when none is given: returns the data unchanged.
 *
 * @example
 * passThrough("Ticket", { id: 1 }); // → { id: 1 }
 */
export const passThrough: ResponseValidator = (_schemaName, data) => data;
