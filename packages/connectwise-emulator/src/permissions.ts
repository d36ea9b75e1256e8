/**
 * Security-role enforcement from the seeded `securityRoleSettings` rows
 * (`roleId`, `moduleName`, `moduleFunctionName`, add/edit/delete/inquire levels).
 * A missing row or level `None` is a 403 `Security`; `My` and `All` both allow
 * (the emulator does not model record ownership).
 */
import { securityError } from "./errors.js";
import type { AuthMember, LevelKind, Permission } from "./resource-def.js";
import type { Store } from "./store.js";

/** The level a member's role grants for a function (`None` when there is no row). */
export function levelOf(
  store: Store,
  roleId: number | undefined,
  permission: Permission,
  kind: LevelKind,
): string {
  if (roleId === undefined) return "None";
  const [module, fn] = permission.map((part) => part.toLowerCase());
  const row = store
    .table("securityRoleSettings")
    .rows.find(
      (r) =>
        r["roleId"] === roleId &&
        String(r["moduleName"]).toLowerCase() === module &&
        String(r["moduleFunctionName"]).toLowerCase() === fn,
    );
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
