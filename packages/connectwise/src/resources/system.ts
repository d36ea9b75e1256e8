/**
 * `system`: server info, "who am I" and my rights, members, API members, security roles,
 * callbacks (webhook registrations) and reports.
 */
import { entityPath } from "../entities.js";
import { ConnectWiseNotFoundError } from "../errors.js";
import type { CallbackEntry, CallbackEntryCreate } from "../schemas/callbacks.js";
import type {
  ApiMember,
  Member,
  MyMember,
  MySecurity,
  MySecurityCustomizeItem,
  SecurityRole,
  SecurityRoleSetting,
  SystemInfo,
} from "../schemas/system.js";
import type { PaginateOptions } from "../types.js";
import {
  collection,
  pick,
  readOperations,
  validated,
  validatedRows,
  type CallOptions,
  type Collection,
  type ReadOperations,
  type ResourceContext,
} from "./collection.js";
import { createReportsResource, type ReportsResource } from "./reports.js";

/** Security roles and their (read-only) settings. */
export interface SecurityRolesResource extends Pick<
  ReadOperations<SecurityRole>,
  "list" | "all" | "get" | "count"
> {
  /** `/system/securityRoles/{roleId}/settings`: one row per module function. */
  settings(roleId: number): ReadOperations<SecurityRoleSetting>;
}

/** The `system` facade. */
export interface SystemResource {
  /** `GET /system/info`: version, cloud flag, licence bits. */
  info(options?: CallOptions): Promise<SystemInfo>;
  /** `GET /system/myMembers`: the authenticated member. */
  myMember(options?: CallOptions): Promise<MyMember>;
  /** `GET /system/mySecurity`: the authenticated member's effective rights (all pages). */
  mySecurity(options?: PaginateOptions): Promise<MySecurity[]>;
  /** `GET /system/mySecurity/customizeItems`: what "Customize"d rights allow. */
  mySecurityCustomizeItems(options?: CallOptions): Promise<MySecurityCustomizeItem[]>;
  readonly members: Pick<ReadOperations<Member>, "list" | "iterate" | "all" | "get" | "count">;
  readonly apiMembers: Pick<ReadOperations<ApiMember>, "list" | "all" | "get" | "count">;
  readonly securityRoles: SecurityRolesResource;
  readonly callbacks: Collection<CallbackEntry, CallbackEntryCreate>;
  /** `/system/reports`: the reports the member may read, and report runs page by page. */
  readonly reports: ReportsResource;
}

/**
 * The `system` facade.
 *
 * @example
 * const me = await system.myMember();
 * const rights = await system.securityRoles.settings(me.securityRole?.id ?? 0).all();
 */
export function createSystemResource(ctx: ResourceContext): SystemResource {
  const { core } = ctx;
  return {
    async info(options) {
      const data = await core.request<unknown>("GET", entityPath("Info"), options);
      return validated<SystemInfo>(ctx, "Info", data);
    },
    async myMember(options) {
      const data = await core.request<unknown>("GET", entityPath("MyMember"), options);
      const member: unknown = Array.isArray(data) ? (data as unknown[])[0] : data;
      if (member === undefined || member === null) {
        throw new ConnectWiseNotFoundError({
          message: "GET /system/myMembers returned no member.",
        });
      }
      return validated<MyMember>(ctx, "MyMember", member);
    },
    async mySecurity(options = {}) {
      return core.collect<unknown, MySecurity>(entityPath("MySecurity"), {
        ...options,
        map: (row) => validated<MySecurity>(ctx, "MySecurity", row),
      });
    },
    async mySecurityCustomizeItems(options) {
      const data = await core.request<unknown>(
        "GET",
        entityPath("MySecurityCustomizeItem"),
        options,
      );
      return validatedRows<MySecurityCustomizeItem>(ctx, "MySecurityCustomizeItem", data);
    },
    members: pick(readOperations<Member>(ctx, entityPath("Member"), "Member"), [
      "list",
      "iterate",
      "all",
      "get",
      "count",
    ]),
    apiMembers: pick(readOperations<ApiMember>(ctx, entityPath("ApiMember"), "ApiMember"), [
      "list",
      "all",
      "get",
      "count",
    ]),
    securityRoles: {
      ...pick(readOperations<SecurityRole>(ctx, entityPath("SecurityRole"), "SecurityRole"), [
        "list",
        "all",
        "get",
        "count",
      ]),
      settings: (roleId) =>
        readOperations<SecurityRoleSetting>(
          ctx,
          entityPath("SecurityRoleSetting", roleId),
          "SecurityRoleSetting",
        ),
    },
    callbacks: collection<CallbackEntry, CallbackEntryCreate>(
      ctx,
      entityPath("CallbackEntry"),
      "CallbackEntry",
    ),
    reports: createReportsResource(ctx),
  };
}
