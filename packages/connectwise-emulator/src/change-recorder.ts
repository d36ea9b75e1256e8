/**
 * Committing changes: `_info` stamps, the ledger `change` entry, and callback notification.
 * Every state change of the emulator goes through here.
 */
import type { ApiScope } from "./api-scope.js";
import { defForTable, presentEntity } from "./presenter.js";
import type { LevelKind, Permission, WriteContext } from "./resource-def.js";
import { requirePermission } from "./permissions.js";
import { cwDate } from "./state.js";
import type { Entity, TableName } from "./types.js";

const ACTIONS = { create: "added", update: "updated", delete: "deleted" } as const;

/** `_info` of a written row: lastUpdated/updatedBy now, dateEntered/enteredBy kept. */
export function stampInfo(
  previous: unknown,
  now: string,
  memberIdentifier: string,
): Record<string, string> {
  const prev = (previous ?? {}) as Record<string, string>;
  return {
    ...prev,
    lastUpdated: now,
    updatedBy: memberIdentifier,
    dateEntered: prev["dateEntered"] ?? now,
    enteredBy: prev["enteredBy"] ?? memberIdentifier,
  };
}

export interface ChangeOptions {
  readonly table: TableName;
  readonly op: "create" | "update" | "delete";
  readonly before?: Entity;
  readonly after?: Entity;
  readonly skipCallback?: boolean;
}

/**
 * Appends the ledger entry and notifies callbacks for one committed change.
 *
 * @example
 * recordChange(scope, { table: "tickets", op: "create", after: ticket });
 */
export function recordChange(scope: ApiScope, change: ChangeOptions): void {
  const { state } = scope;
  const row = change.after ?? change.before;
  if (!row) return;
  state.ledger.append({
    kind: "change",
    requestId: scope.requestId,
    table: change.table,
    op: change.op,
    id: row.id,
    ...(change.before ? { before: structuredClone(change.before) } : {}),
    ...(change.after ? { after: structuredClone(change.after) } : {}),
  });
  const def = defForTable(change.table);
  if (!def?.callbackType || change.skipCallback) return;
  state.callbacks.notify({
    type: def.callbackType,
    action: ACTIONS[change.op],
    entity: presentEntity(state, def, row),
    memberId: scope.member.id,
  });
}

/** The context handed to resource hooks. */
export function writeContext(scope: ApiScope, parentId: number | undefined): WriteContext {
  const { state, member } = scope;
  const now = cwDate(state.clock.now());
  return {
    store: state.store,
    now,
    member,
    parentId,
    requirePermission: (permission: Permission, level: LevelKind) =>
      requirePermission(state.store, member, permission, level),
    createRow(table, row) {
      const entity = state.store.insert(table, {
        ...row,
        _info: stampInfo(undefined, now, member.identifier),
      });
      recordChange(scope, { table, op: "create", after: entity });
      return entity;
    },
  };
}
