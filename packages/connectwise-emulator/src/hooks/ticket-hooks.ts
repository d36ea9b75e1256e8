/**
 * Tickets: server defaults (board, status, priority, severity/impact Medium), board rules
 * (status/type/subType/item must belong to the ticket's board), closing via a
 * `closedStatus` status (needs Close Service Tickets), and first notes from
 * `initialDescription` / `initialInternalAnalysis` / `initialResolution`.
 */
import { issue, type ValidationIssue } from "../errors.js";
import type { ResourceHooks, WriteContext } from "../resource-def.js";
import { referenceTo, resolveReference } from "../references.js";
import type { Store } from "../store.js";
import type { Entity, TableName } from "../types.js";
import { bodyValue, defaultReference, defaultRow, refId } from "./hook-utils.js";

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

/**
 * `{name}` lookups of status/type/subType/item are scoped to the board named in the body,
 * so `{"status": {"name": "New"}}` picks that board's "New".
 *
 * @example
 * ticketReferenceScope("status", { board: { id: 1 } }, store); // row => row.board.id === 1
 */
export function ticketReferenceScope(
  field: string,
  body: Readonly<Record<string, unknown>>,
  store: Store,
): ((row: Entity) => boolean) | undefined {
  if (!BOARD_CHILDREN.some((child) => child.field === field)) return undefined;
  const board = bodyValue(body, "board");
  const resolved = resolveReference(
    store,
    { table: "boards", resource: "ticket", field: "board" },
    board,
  );
  const boardId = "ref" in resolved ? refId(resolved.ref) : undefined;
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
