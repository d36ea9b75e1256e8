/**
 * The shape of one entry of the resource table (see `resources.ts`) and of the write context
 * the per-resource hooks receive.
 */
import type { ValidationIssue } from "./errors.js";
import type { FieldRule } from "./field-rules.js";
import type { Store } from "./store.js";
import type { Entity, TableName } from "./types.js";

/** Operations a resource serves (only those the 2025.16 spec lists for its paths). */
export type Operation = "list" | "count" | "get" | "post" | "put" | "patch" | "delete";

/** Which security level a request needs. */
export type LevelKind = "add" | "edit" | "delete" | "inquire";

/** `[moduleName, moduleFunctionName]` of a security role setting row. */
export type Permission = readonly [module: string, fn: string];

/** The authenticated member. */
export interface AuthMember {
  readonly id: number;
  readonly identifier: string;
  readonly table: "members" | "apiMembers";
  readonly roleId: number | undefined;
}

/** What hooks may use while a write is prepared and committed. */
export interface WriteContext {
  readonly store: Store;
  /** The clock's now as ConnectWise writes dates (`yyyy-MM-ddTHH:mm:ssZ`). */
  readonly now: string;
  readonly member: AuthMember;
  readonly parentId: number | undefined;
  /** Throws 403 `Security` unless the member's role has the right. */
  requirePermission(permission: Permission, level: LevelKind): void;
  /** Commits a created row of another table (e.g. a ticket's first note): ledger + callbacks. */
  createRow(table: TableName, row: Record<string, unknown>): Entity;
}

/** Per-resource behaviour beyond generic validation. */
export interface ResourceHooks {
  /** Server defaults and cross-field rules on the draft (mutate it; push issues). */
  prepare?(
    ctx: WriteContext,
    draft: Record<string, unknown>,
    previous: Entity | undefined,
    issues: ValidationIssue[],
    /** The raw request body (the patched body view on PATCH). */
    body: Readonly<Record<string, unknown>>,
  ): void;
  /** Runs after a create was committed, with the raw body (e.g. `initialDescription`). */
  afterCreate?(ctx: WriteContext, entity: Entity, body: Readonly<Record<string, unknown>>): void;
}

/** One resource the emulator serves. */
export interface ResourceDef {
  /** Spec path of the collection, e.g. `/service/boards/{parentId}/statuses`. */
  readonly path: string;
  readonly table: TableName;
  /** Resource name in validation errors, e.g. `ticket`. */
  readonly resource: string;
  /** How a child row points at its parent: `{id}` reference or a plain id field. */
  readonly parent?: {
    readonly table: TableName;
    readonly field: string;
    readonly style: "ref" | "id";
  };
  readonly ops: readonly Operation[];
  readonly permission: Permission;
  readonly fields: readonly FieldRule[];
  /** Callback `type` fired on writes, e.g. `ticket`. */
  readonly callbackType?: string;
  /** Stored fields ConnectWise does not return (e.g. the emulator's own `roleId` link). */
  readonly hidden?: readonly string[];
  readonly hooks?: ResourceHooks;
  /**
   * Narrows the reference lookups of a field (by `{id}` as well as by `{name}` /
   * `{identifier}`), given the body: e.g. a ticket's status must be one of its board's.
   */
  readonly referenceScope?: (
    field: string,
    context: ReferenceScopeContext,
  ) => ((row: Entity) => boolean) | undefined;
}

/** What a {@link ResourceDef.referenceScope} may look at. */
export interface ReferenceScopeContext {
  readonly body: Readonly<Record<string, unknown>>;
  readonly store: Store;
  /** The stored row on PUT/PATCH; undefined on POST. */
  readonly previous: Entity | undefined;
  readonly member: AuthMember | undefined;
}
