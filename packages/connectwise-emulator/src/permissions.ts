/**
 * Security-role enforcement from the seeded `securityRoleSettings` rows
 * (`roleId`, `moduleName`, `moduleFunctionName`, add/edit/delete/inquire levels).
 * A missing row or level `None` is a 403 `Security`; `My` and `All` both allow
 * (the emulator does not model record ownership).
 */
import { securityError } from "./errors.js";
import type { AuthMember, LevelKind, Permission } from "./resource-def.js";
import type { Store } from "./store.js";
import type { Entity } from "./types.js";

interface SettingsIndex {
  readonly size: number;
  readonly byKey: Map<string, Entity>;
}

const INDEXES = new WeakMap<readonly Entity[], SettingsIndex>();
const keyOf = (roleId: unknown, module: unknown, fn: unknown): string =>
  `${String(roleId)}\u0000${String(module).toLowerCase()}\u0000${String(fn).toLowerCase()}`;

/** Settings rows indexed by role/module/function (rebuilt when the table changes size). */
function settingsIndex(store: Store): Map<string, Entity> {
  const rows = store.table("securityRoleSettings").rows;
  const cached = INDEXES.get(rows);
  if (cached && cached.size === rows.length) return cached.byKey;
  const byKey = new Map<string, Entity>();
  for (const row of rows) {
    const key = keyOf(row["roleId"], row["moduleName"], row["moduleFunctionName"]);
    if (!byKey.has(key)) byKey.set(key, row);
  }
  INDEXES.set(rows, { size: rows.length, byKey });
  return byKey;
}

/** The level a member's role grants for a function (`None` when there is no row). */
export function levelOf(
  store: Store,
  roleId: number | undefined,
  permission: Permission,
  kind: LevelKind,
): string {
  if (roleId === undefined) return "None";
  const row = settingsIndex(store).get(keyOf(roleId, permission[0], permission[1]));
  const level = row?.[`${kind}Level`];
  return typeof level === "string" ? level : "None";
}

/**
 * Throws 403 unless the member's role grants `kind` on `permission`.
 *
 * @example
 * requirePermission(store, member, ["Service Desk", "Service Tickets"], "add");
 */
export function requirePermission(
  store: Store,
  member: AuthMember,
  permission: Permission,
  kind: LevelKind,
): void {
  if (levelOf(store, member.roleId, permission, kind).toLowerCase() === "none")
    throw securityError();
}
