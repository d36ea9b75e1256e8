/**
 * Maps a path below `apis/3.0` (case-insensitive) to a resource of the table in
 * `resources.ts` or to one of the special endpoints, and the HTTP method to an operation.
 * A path that matches but with a method the spec does not list is 405; no match is 404.
 */
import { CwHttpError } from "./errors.js";
import type { ReportOp } from "./report-handler.js";
import type { Operation, ResourceDef } from "./resource-def.js";
import { RESOURCES } from "./resources.js";

/** Endpoints that are not plain resources. */
export type SpecialName =
  "info" | "myMembers" | "mySecurity" | "mySecurityCustomizeItems" | "ticketSearch";

export type ApiRoute =
  | {
      readonly kind: "resource";
      readonly def: ResourceDef;
      readonly op: Operation;
      readonly parentId: number | undefined;
      /** Numeric id, or a member identifier for `/system/members/{identifier}`. */
      readonly id: number | string | undefined;
    }
  | {
      readonly kind: "ticketConfigurations";
      readonly op: "list" | "count" | "get" | "post" | "delete";
      readonly parentId: number;
      readonly id: number | undefined;
    }
  | { readonly kind: "special"; readonly name: SpecialName }
  | { readonly kind: "report"; readonly op: ReportOp; readonly name: string | undefined };

const SPECIAL: readonly { path: string; method: string; name: SpecialName }[] = [
  { path: "/system/info", method: "GET", name: "info" },
  { path: "/system/mymembers", method: "GET", name: "myMembers" },
  { path: "/system/mysecurity", method: "GET", name: "mySecurity" },
  { path: "/system/mysecurity/customizeitems", method: "GET", name: "mySecurityCustomizeItems" },
  { path: "/service/tickets/search", method: "POST", name: "ticketSearch" },
];

const COMPILED = RESOURCES.map((def) => ({
  def,
  segments: def.path.toLowerCase().split("/").filter(Boolean),
}));
const INT = /^\d{1,15}$/;

interface Shape {
  readonly parentId: number | undefined;
  readonly tail: readonly string[];
}

function matchPrefix(pattern: readonly string[], path: readonly string[]): Shape | undefined {
  if (path.length < pattern.length) return undefined;
  let parentId: number | undefined;
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] as string;
    const got = path[i] as string;
    if (want === "{parentid}") {
      if (!INT.test(got)) return undefined;
      parentId = Number(got);
    } else if (want !== got) return undefined;
  }
  return { parentId, tail: path.slice(pattern.length) };
}

function operationFor(method: string, tail: readonly string[]): Operation | undefined {
  if (tail.length === 0) return method === "GET" ? "list" : method === "POST" ? "post" : undefined;
  if (tail[0] === "count") return method === "GET" ? "count" : undefined;
  const byMethod: Record<string, Operation> = {
    GET: "get",
    PUT: "put",
    PATCH: "patch",
    DELETE: "delete",
  };
  return byMethod[method];
}

function notAllowed(method: string, path: string): CwHttpError {
  return new CwHttpError(
    405,
    "MethodNotAllowed",
    `The requested resource does not support http method '${method}' on ${path}.`,
  );
}

function notFound(path: string): CwHttpError {
  return new CwHttpError(
    404,
    "NotFound",
    `No resource was found that matches the request URI ${path}.`,
  );
}

function resourceRoute(
  def: ResourceDef,
  shape: Shape,
  method: string,
  rawTail: readonly string[],
): ApiRoute | "method" | undefined {
  const { tail } = shape;
  if (tail.length > 1) return undefined;
  const idText = tail[0];
  const isCount = idText === "count";
  const byIdentifier = idText !== undefined && !isCount && !INT.test(idText);
  if (byIdentifier && !(def.table === "members" && method === "GET")) return undefined;
  const op = operationFor(method, tail);
  if (!op || !def.ops.includes(op)) return "method";
  const id =
    idText === undefined || isCount
      ? undefined
      : byIdentifier
        ? (rawTail[0] ?? idText)
        : Number(idText);
  return { kind: "resource", def, op, parentId: shape.parentId, id };
}

function ticketConfigurationRoute(
  path: readonly string[],
  method: string,
): ApiRoute | "method" | undefined {
  const shape = matchPrefix(["service", "tickets", "{parentid}", "configurations"], path);
  if (!shape || shape.parentId === undefined || shape.tail.length > 1) return undefined;
  const idText = shape.tail[0];
  if (idText !== undefined && idText !== "count" && !INT.test(idText)) return undefined;
  const op = operationFor(method, shape.tail);
  if (op !== "list" && op !== "count" && op !== "get" && op !== "post" && op !== "delete")
    return "method";
  const id = idText === undefined || idText === "count" ? undefined : Number(idText);
  return { kind: "ticketConfigurations", op, parentId: shape.parentId, id };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `/system/reports`, `/system/reports/{reportName}`, `…/columns`, `…/count` (GET only). */
function reportRoute(
  raw: readonly string[],
  segments: readonly string[],
  method: string,
  path: string,
): ApiRoute | undefined {
  if (segments[0] !== "system" || segments[1] !== "reports" || segments.length > 4)
    return undefined;
  const tail = segments[3];
  if (tail !== undefined && tail !== "columns" && tail !== "count") return undefined;
  if (method !== "GET") throw notAllowed(method, path);
  const name = raw[2] === undefined ? undefined : decodeSegment(raw[2]);
  const op: ReportOp = name === undefined ? "list" : tail === undefined ? "data" : tail;
  return { kind: "report", op, name };
}

/**
 * Routes `method path` (path below `apis/3.0`); throws 404/405 in ConnectWise's shape.
 *
 * @example
 * routeApi("GET", "/Service/Tickets/12/notes"); // => { kind: "resource", def: notes, op: "list", parentId: 12, ... }
 */
export function routeApi(method: string, path: string): ApiRoute {
  const raw = path.split("/").filter(Boolean);
  const segments = raw.map((s) => s.toLowerCase());
  const joined = `/${segments.join("/")}`;
  const special = SPECIAL.find((s) => s.path === joined);
  if (special) {
    if (special.method !== method) throw notAllowed(method, path);
    return { kind: "special", name: special.name };
  }
  const report = reportRoute(raw, segments, method, path);
  if (report) return report;
  let methodMismatch = false;
  const links = ticketConfigurationRoute(segments, method);
  if (links === "method") methodMismatch = true;
  else if (links) return links;
  for (const { def, segments: pattern } of COMPILED) {
    const shape = matchPrefix(pattern, segments);
    if (!shape) continue;
    const route = resourceRoute(def, shape, method, raw.slice(pattern.length));
    if (route === "method") methodMismatch = true;
    else if (route) return route;
  }
  throw methodMismatch ? notAllowed(method, path) : notFound(path);
}
