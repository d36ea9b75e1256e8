/**
 * Moves a ticket to an open or closed status of its board with one replace-only PATCH
 * (idempotent, so the client may retry it). The board is taken from what we know (the ticket's
 * board at create/adopt); when ConnectWise rejects the status because a technician moved the
 * ticket to another board, the ticket is read and the status of its CURRENT board is used.
 */
import { replaceOps } from "@cwbridge/connectwise";
import type { Ticket } from "@cwbridge/connectwise/schemas";
import { AlertError } from "./errors.js";
import type { Incident } from "./incident-record.js";
import {
  boardStatuses,
  closedStatusOf,
  duplicateStatusOf,
  openStatusOf,
} from "./route-resolver.js";
import { boardIdOf, isNotFound, isValidation, type StepContext } from "./step-context.js";

/** Which status to set. */
export type StatusTarget = "open" | "closed" | "duplicate";

/** Outcome of {@link setTicketStatus}. */
export type StatusOutcome =
  | { readonly kind: "set"; readonly boardId: number }
  | { readonly kind: "already-closed"; readonly boardId: number | undefined }
  | { readonly kind: "gone" };

async function statusFor(
  step: StepContext,
  connectionId: string,
  boardId: number,
  target: StatusTarget,
): Promise<number> {
  const statuses = await boardStatuses(step.ctx, connectionId, boardId, step.cw);
  const status =
    target === "open"
      ? openStatusOf(statuses)
      : target === "duplicate"
        ? duplicateStatusOf(statuses, step.settings.duplicateStatusName)
        : closedStatusOf(statuses, step.settings.closeStatusName);
  if (status === undefined) {
    throw new AlertError(
      "CWB_ERR_ALERT_BOARD_STATUS_MISSING",
      `service board ${boardId} has no active ${target === "open" ? "open" : "closed"} status`,
    );
  }
  return status.id;
}

async function patchStatus(step: StepContext, ticketId: number, statusId: number): Promise<void> {
  await step.cw.tickets.patch(ticketId, replaceOps({ status: { id: statusId } }));
}

/**
 * Sets the ticket's status (see the module comment).
 *
 * @example
 * const outcome = await setTicketStatus(step, { connectionId, ticketId: 9001, boardId: 2 }, "closed");
 */
export async function setTicketStatus(
  step: StepContext,
  ticket: {
    readonly connectionId: string;
    readonly ticketId: number;
    readonly boardId: number | undefined;
  },
  target: StatusTarget,
): Promise<StatusOutcome> {
  try {
    if (ticket.boardId !== undefined) {
      try {
        await patchStatus(
          step,
          ticket.ticketId,
          await statusFor(step, ticket.connectionId, ticket.boardId, target),
        );
        return { kind: "set", boardId: ticket.boardId };
      } catch (error) {
        if (!isValidation(error)) throw error;
      }
    }
    const current: Ticket = await step.cw.tickets.get(ticket.ticketId);
    const boardId = boardIdOf(current);
    if (target !== "open" && current.closedFlag === true)
      return { kind: "already-closed", boardId };
    if (boardId === undefined) {
      throw new AlertError(
        "CWB_ERR_ALERT_BOARD_STATUS_MISSING",
        `ticket ${ticket.ticketId} has no board, so it has no status to set`,
      );
    }
    await patchStatus(
      step,
      ticket.ticketId,
      await statusFor(step, ticket.connectionId, boardId, target),
    );
    return { kind: "set", boardId };
  } catch (error) {
    if (isNotFound(error)) return { kind: "gone" };
    throw error;
  }
}

/**
 * The ticket facts {@link setTicketStatus} needs, from an incident with a ticket.
 *
 * @example
 * await setTicketStatus(step, ticketOf(incident, ticketId), "open");
 */
export function ticketOf(
  incident: Incident,
  ticketId: number,
): { connectionId: string; ticketId: number; boardId: number | undefined } {
  return { connectionId: incident.connectionId, ticketId, boardId: incident.data.boardId };
}
