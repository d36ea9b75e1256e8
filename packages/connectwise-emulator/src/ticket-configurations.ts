/**
 * Ticket ↔ configuration links: `GET/POST /service/tickets/{id}/configurations`,
 * `GET/DELETE …/configurations/{configurationId}`, `…/count`. Stored as
 * `{id, ticketId, configurationId}` rows; served as `ConfigurationReference`
 * `{id: configurationId, deviceIdentifier, _info}`.
 */
import type { ApiScope } from "./api-scope.js";
import { recordChange, stampInfo } from "./change-recorder.js";
import { badRequest, invalidObject, issue, recordNotFound } from "./errors.js";
import { navigableLink, readPaging } from "./pagination.js";
import type { Reply } from "./responses.js";
import { apiBase, cwDate } from "./state.js";
import type { Entity } from "./types.js";

type LinkOp = "list" | "count" | "get" | "post" | "delete";

function links(scope: ApiScope, ticketId: number): Entity[] {
  if (!scope.state.store.get("tickets", ticketId)) throw recordNotFound("Ticket", ticketId);
  return scope.state.store
    .table("ticketConfigurations")
    .rows.filter((row) => row["ticketId"] === ticketId);
}

function reference(scope: ApiScope, link: Entity): Record<string, unknown> {
  const configurationId = link["configurationId"] as number;
  const configuration = scope.state.store.get("configurations", configurationId);
  return {
    id: configurationId,
    deviceIdentifier: configuration?.["deviceIdentifier"] ?? null,
    _info: {
      ...(link["_info"] as object),
      configuration_href: `${apiBase(scope.state)}/company/configurations/${configurationId}`,
    },
  };
}

function findLink(scope: ApiScope, ticketId: number, configurationId: number): Entity {
  const link = links(scope, ticketId).find((row) => row["configurationId"] === configurationId);
  if (!link) throw recordNotFound("Configuration", configurationId);
  return link;
}

function create(scope: ApiScope, ticketId: number, body: unknown): Reply {
  const configurationId = (body as { id?: unknown } | null)?.id;
  if (typeof configurationId !== "number" || !Number.isInteger(configurationId)) {
    throw badRequest('The body must be {"id": <configurationId>}.');
  }
  const existing = links(scope, ticketId);
  if (!scope.state.store.get("configurations", configurationId)) {
    throw invalidObject("configurationReference", [
      issue(
        "NotFound",
        "configurationReference",
        "id",
        `Configuration ${configurationId} not found.`,
      ),
    ]);
  }
  if (existing.some((row) => row["configurationId"] === configurationId)) {
    throw invalidObject("configurationReference", [
      issue(
        "ObjectExists",
        "configurationReference",
        "id",
        `Configuration ${configurationId} is already linked to ticket ${ticketId}.`,
      ),
    ]);
  }
  const now = cwDate(scope.state.clock.now());
  const link = scope.state.store.insert("ticketConfigurations", {
    ticketId,
    configurationId,
    _info: stampInfo(undefined, now, scope.member.identifier),
  });
  recordChange(scope, { table: "ticketConfigurations", op: "create", after: link });
  return { status: 201, body: reference(scope, link), rows: 1 };
}

/**
 * Serves one ticket-configuration operation.
 *
 * @example
 * ticketConfigurationsReply(scope, { op: "post", parentId: 9001, id: undefined }, { id: 5123 });
 */
export function ticketConfigurationsReply(
  scope: ApiScope,
  route: { readonly op: LinkOp; readonly parentId: number; readonly id: number | undefined },
  body: unknown,
): Reply {
  const { op, parentId, id } = route;
  if (op === "post") return create(scope, parentId, body);
  if (op === "count") return { status: 200, body: { count: links(scope, parentId).length } };
  if (op === "list") {
    const rows = links(scope, parentId);
    const paging = readPaging(scope.query, false);
    const page = rows.slice((paging.page - 1) * paging.pageSize, paging.page * paging.pageSize);
    const link = navigableLink(scope.url, paging, rows.length);
    return {
      status: 200,
      body: page.map((row) => reference(scope, row)),
      headers: { link },
      rows: page.length,
    };
  }
  const found = findLink(scope, parentId, id ?? -1);
  if (op === "get") return { status: 200, body: reference(scope, found), rows: 1 };
  scope.state.store.remove("ticketConfigurations", found.id);
  recordChange(scope, { table: "ticketConfigurations", op: "delete", before: found });
  return { status: 204 };
}
