/**
 * Every `METHOD path` the emulator serves, in the spec's path notation. A contract test checks
 * each against the 2025.16 operation list.
 */
import type { Operation } from "./resource-def.js";
import { RESOURCES } from "./resources.js";

export interface ServedOperation {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly path: string;
}

const SHAPES: Readonly<Record<Operation, ServedOperation>> = {
  list: { method: "GET", path: "" },
  post: { method: "POST", path: "" },
  count: { method: "GET", path: "/count" },
  get: { method: "GET", path: "/{id}" },
  put: { method: "PUT", path: "/{id}" },
  patch: { method: "PATCH", path: "/{id}" },
  delete: { method: "DELETE", path: "/{id}" },
};

const SPECIAL: readonly ServedOperation[] = [
  { method: "GET", path: "/system/info" },
  { method: "GET", path: "/system/myMembers" },
  { method: "GET", path: "/system/mySecurity" },
  { method: "GET", path: "/system/mySecurity/customizeItems" },
  { method: "POST", path: "/service/tickets/search" },
  { method: "GET", path: "/service/tickets/{parentId}/configurations" },
  { method: "POST", path: "/service/tickets/{parentId}/configurations" },
  { method: "GET", path: "/service/tickets/{parentId}/configurations/count" },
  { method: "GET", path: "/service/tickets/{parentId}/configurations/{id}" },
  { method: "DELETE", path: "/service/tickets/{parentId}/configurations/{id}" },
  { method: "GET", path: "/system/reports" },
  { method: "GET", path: "/system/reports/{reportName}" },
  { method: "GET", path: "/system/reports/{reportName}/columns" },
  { method: "GET", path: "/system/reports/{reportName}/count" },
];

/**
 * The served operations (GET `/system/members/{identifier}` is the spec's mangled
 * `{memberIdentifier:regex(...)}` path and is not listed here).
 *
 * @example
 * servedOperations().some((op) => op.method === "PATCH" && op.path === "/service/tickets/{id}"); // true
 */
export function servedOperations(): ServedOperation[] {
  const fromResources = RESOURCES.flatMap((def) =>
    def.ops.map((op) => ({ method: SHAPES[op].method, path: `${def.path}${SHAPES[op].path}` })),
  );
  return [...fromResources, ...SPECIAL];
}
