/**
 * Tickets: server defaults (board, status, priority, severity/impact Medium), board rules
 * (status/type/subType/item must belong to the ticket's board), closing via a
 * `closedStatus` status (needs Close Service Tickets), and first notes from
 * `initialDescription` / `initialInternalAnalysis` / `initialResolution`.
 */
import { issue, type ValidationIssue } from "../errors.js";
import type { ReferenceScopeContext, ResourceHooks, WriteContext } from "../resource-def.js";
import { referenceTo, resolveReference } from "../references.js";
import type { Entity, TableName } from "../types.js";
import { bodyValue, defaultReference, defaultRow, refId } from "./hook-utils.js";
import { siteScopeByBodyCompany } from "./site-scope.js";

const CLOSE_SERVICE_TICKETS = ["Service Desk", "Close Service Tickets"] as const;

const BOARD_CHILDREN: readonly { field: string; table: TableName; label: string }[] = [
  { field: "status", table: "boardStatuses", label: "Service Status" },
  { field: "type", table: "boardTypes", label: "Service Type" },
  { field: "subType", table: "boardSubtypes", label: "Service SubType" },
  { field: "item", table: "boardItems", label: "Service Item" },
];

function defaultBoard(ctx: WriteContext, draft: Record<string, unknown>): void {
  if (draft["board"] !== undefined) return;
  const member = ctx.store.get(ctx.member.table, ctx.member.id);
  const preferred = refId(member?.["serviceDefaultBoard"]);
  const row =
    (preferred === undefined ? undefined : ctx.store.get("boards", preferred)) ??
    defaultRow(ctx.store, "boards");
  if (row) draft["board"] = referenceTo("boards", row);
}

/** Unknown status/type/subType/item ids get the board-scoped message ConnectWise uses. */
function scopeNotFound(issues: ValidationIssue[], boardId: number | undefined): void {
  issues.forEach((found, index) => {
    const child = BOARD_CHILDREN.find((c) => `${c.field}/id` === found.field);
    if (!child || found.code !== "NotFound" || boardId === undefined) return;
    const id = /\d+/.exec(found.message)?.[0] ?? "?";
    issues[index] = {
      ...found,
      message: `${child.label} ${id} not found for Service Board ${boardId}`,
    };
  });
}

function checkBoardChildren(
  ctx: WriteContext,
  draft: Record<string, unknown>,
  issues: ValidationIssue[],
): void {
  const boardId = refId(draft["board"]);
  scopeNotFound(issues, boardId);
  if (boardId === undefined) return;
  for (const child of BOARD_CHILDREN) {
    const id = refId(draft[child.field]);
    if (id === undefined) continue;
    const row = ctx.store.get(child.table, id);
    if (!row || refId(row["board"]) !== boardId) {
      const message = `${child.label} ${id} not found for Service Board ${boardId}`;
      issues.push(issue("NotFound", "ticket", `${child.field}/id`, message));
    }
  }
}

function applyClosing(
  ctx: WriteContext,
  draft: Record<string, unknown>,
  previous: Entity | undefined,
): void {
  const statusId = refId(draft["status"]);
  const status = statusId === undefined ? undefined : ctx.store.get("boardStatuses", statusId);
  const closing = status?.["closedStatus"] === true;
  const wasClosed = previous?.["closedFlag"] === true;
  if (closing && !wasClosed) {
    ctx.requirePermission(CLOSE_SERVICE_TICKETS, "edit");
    draft["closedFlag"] = true;
    draft["closedDate"] = ctx.now;
    draft["closedBy"] = ctx.member.identifier;
  } else if (!closing) {
    draft["closedFlag"] = false;
    delete draft["closedDate"];
    delete draft["closedBy"];
  }
}

const INITIAL_NOTES = [
  ["initialDescription", "detailDescriptionFlag"],
  ["initialInternalAnalysis", "internalAnalysisFlag"],
  ["initialResolution", "resolutionFlag"],
] as const;

/** The board a ticket body names, else the one the create would default to. */
function boardOf(context: ReferenceScopeContext): number | undefined {
  const { body, store, member } = context;
  const board = bodyValue(body, "board");
  if (board !== undefined && board !== null) {
    const resolved = resolveReference(
      store,
      { table: "boards", resource: "ticket", field: "board" },
      board,
    );
    return "ref" in resolved ? refId(resolved.ref) : undefined;
  }
  const row = member === undefined ? undefined : store.get(member.table, member.id);
  const preferred = refId(row?.["serviceDefaultBoard"]);
  if (preferred !== undefined && store.get("boards", preferred)) return preferred;
  return defaultRow(store, "boards")?.id;
}

/**
 * Lookups of status/type/subType/item (by id or name) are scoped to the ticket's board: the
 * one in the body, else the stored one (PUT/PATCH), else the member's default board (POST),
 * so `{"status": {"name": "New"}}` picks that board's "New". `site` is scoped to the body's
 * company.
 *
 * @example
 * ticketReferenceScope("status", { body: { board: { id: 1 } }, store, previous: undefined, member: undefined }); // row => row.board.id === 1
 */
export function ticketReferenceScope(
  field: string,
  context: ReferenceScopeContext,
): ((row: Entity) => boolean) | undefined {
  if (field === "site") return siteScopeByBodyCompany(field, context);
  if (!BOARD_CHILDREN.some((child) => child.field === field)) return undefined;
  const boardId = boardOf(context);
  return boardId === undefined ? undefined : (row) => refId(row["board"]) === boardId;
}

export const ticketHooks: ResourceHooks = {
  prepare(ctx, draft, previous, issues) {
    draft["recordType"] ??= "ServiceTicket";
    defaultBoard(ctx, draft);
    if (draft["board"] === undefined) {
      issues.push(
        issue(
          "NullValue",
          "ticket",
          "board",
          "The field board is required (no service board exists).",
        ),
      );
      return;
    }
    const boardId = refId(draft["board"]);
    defaultReference(ctx.store, draft, "status", {
      table: "boardStatuses",
      where: (row) => refId(row["board"]) === boardId,
    });
    defaultReference(ctx.store, draft, "priority", { table: "priorities" });
    draft["severity"] ??= "Medium";
    draft["impact"] ??= "Medium";
    checkBoardChildren(ctx, draft, issues);
    if (issues.length === 0) applyClosing(ctx, draft, previous);
  },
  afterCreate(ctx, entity, body) {
    for (const [field, flag] of INITIAL_NOTES) {
      const text = bodyValue(body, field);
      if (typeof text !== "string" || text.trim() === "") continue;
      ctx.createRow("ticketNotes", {
        ticketId: entity.id,
        text,
        detailDescriptionFlag: flag === "detailDescriptionFlag",
        internalAnalysisFlag: flag === "internalAnalysisFlag",
        resolutionFlag: flag === "resolutionFlag",
        dateCreated: ctx.now,
        createdBy: ctx.member.identifier,
      });
    }
  },
};
