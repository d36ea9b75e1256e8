/**
 * Dispatches a routed, authenticated API request to its handler after the security check.
 */
import type { ApiScope } from "./api-scope.js";
import { badRequest } from "./errors.js";
import type { FilterParams } from "./list-query.js";
import { requirePermission } from "./permissions.js";
import { countReply, getReply, listReply } from "./read-handler.js";
import type { LevelKind, Operation } from "./resource-def.js";
import { PERMISSIONS, RESOURCES } from "./resources.js";
import { reportReply } from "./report-handler.js";
import type { Reply } from "./responses.js";
import type { ApiRoute } from "./router.js";
import {
  infoReply,
  myMemberReply,
  mySecurityCustomizeItemsReply,
  mySecurityReply,
} from "./system-handler.js";
import { ticketConfigurationsReply } from "./ticket-configurations.js";
import { createReply, deleteReply, patchReply, replaceReply } from "./write-handler.js";

const LEVELS: Readonly<Record<Operation, LevelKind>> = {
  list: "inquire",
  count: "inquire",
  get: "inquire",
  post: "add",
  put: "edit",
  patch: "edit",
  delete: "delete",
};

const TICKETS = RESOURCES.find((def) => def.table === "tickets");

function checkPermission(scope: ApiScope, route: ApiRoute): void {
  const { store } = scope.state;
  if (route.kind === "resource")
    return requirePermission(store, scope.member, route.def.permission, LEVELS[route.op]);
  if (route.kind === "ticketConfigurations") {
    return requirePermission(store, scope.member, PERMISSIONS.serviceTickets, LEVELS[route.op]);
  }
  if (route.kind === "report") return; // reportReply checks API Reports and the report's module
  if (route.name === "info") return;
  const permission =
    route.name === "ticketSearch" ? PERMISSIONS.serviceTickets : PERMISSIONS.myCompany;
  requirePermission(store, scope.member, permission, "inquire");
}

function filterParams(source: Readonly<Record<string, unknown>>): FilterParams {
  const pick = (name: string): string | undefined => {
    const key = Object.keys(source).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : source[key];
    if (value !== undefined && value !== null && typeof value !== "string")
      throw badRequest(`${name} must be a string.`);
    return value ?? undefined;
  };
  const out: Record<string, string> = {};
  for (const name of [
    "conditions",
    "childConditions",
    "customFieldConditions",
    "orderBy",
  ] as const) {
    const value = pick(name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function searchReply(scope: ApiScope, body: unknown): Reply {
  if (!TICKETS) throw new Error("tickets resource missing");
  if (body !== undefined && (body === null || typeof body !== "object" || Array.isArray(body))) {
    throw badRequest("The search body must be a JSON object of filter values.");
  }
  const params = {
    ...filterParams(scope.query),
    ...filterParams((body ?? {}) as Record<string, unknown>),
  };
  return listReply(scope, TICKETS, undefined, params);
}

/**
 * Runs a routed request.
 *
 * @example
 * const reply = dispatch(scope, routeApi("GET", "/service/tickets"), undefined);
 */
export function dispatch(scope: ApiScope, route: ApiRoute, body: unknown): Reply {
  checkPermission(scope, route);
  if (route.kind === "special") {
    if (route.name === "info") return infoReply();
    if (route.name === "myMembers") return myMemberReply(scope);
    if (route.name === "mySecurity") return mySecurityReply(scope);
    if (route.name === "mySecurityCustomizeItems") return mySecurityCustomizeItemsReply(scope);
    return searchReply(scope, body);
  }
  if (route.kind === "ticketConfigurations") return ticketConfigurationsReply(scope, route, body);
  if (route.kind === "report") return reportReply(scope, route.op, route.name);
  const { def, op, parentId, id } = route;
  const target = { parentId, id: id ?? -1 };
  switch (op) {
    case "list":
      return listReply(scope, def, parentId, filterParams(scope.query));
    case "count":
      return countReply(scope, def, parentId, filterParams(scope.query));
    case "get":
      return getReply(scope, def, parentId, target.id);
    case "post":
      return createReply(scope, def, parentId, body);
    case "put":
      return replaceReply(scope, def, target, body);
    case "patch":
      return patchReply(scope, def, target, body);
    case "delete":
      return deleteReply(scope, def, target);
  }
}
