/**
 * Time entries: a `ServiceTicket` charge must name an existing ticket (its company and a
 * ticket reference are filled in), member defaults to the caller, billableOption to
 * `Billable`, actualHours from timeStart/timeEnd, enteredBy/dateEntered stamped.
 */
import { issue, type ValidationIssue } from "../errors.js";
import type { ResourceHooks, WriteContext } from "../resource-def.js";
import { referenceTo } from "../references.js";

function chargeToTicket(
  ctx: WriteContext,
  draft: Record<string, unknown>,
  issues: ValidationIssue[],
): void {
  const ticketId = draft["chargeToId"];
  if (typeof ticketId !== "number") return;
  draft["chargeToType"] ??= "ServiceTicket";
  if (draft["chargeToType"] !== "ServiceTicket") return;
  const ticket = ctx.store.get("tickets", ticketId);
  if (!ticket) {
    issues.push(issue("NotFound", "timeEntry", "chargeToId", `Ticket ${ticketId} not found.`));
    return;
  }
  draft["ticket"] = referenceTo("tickets", ticket);
  draft["company"] ??= ticket["company"];
}

function hours(draft: Record<string, unknown>, issues: ValidationIssue[]): void {
  const { timeStart, timeEnd } = draft;
  if (typeof timeStart !== "string" || typeof timeEnd !== "string") return;
  const ms = Date.parse(timeEnd) - Date.parse(timeStart);
  if (ms < 0) {
    issues.push(
      issue("InvalidField", "timeEntry", "timeEnd", "The field timeEnd must be after timeStart."),
    );
    return;
  }
  draft["actualHours"] ??= Math.round((ms / 3_600_000) * 100) / 100;
}

export const timeEntryHooks: ResourceHooks = {
  prepare(ctx, draft, previous, issues) {
    chargeToTicket(ctx, draft, issues);
    hours(draft, issues);
    if (draft["member"] === undefined && ctx.member.table === "members") {
      const member = ctx.store.get("members", ctx.member.id);
      if (member) draft["member"] = referenceTo("members", member);
    }
    draft["billableOption"] ??= "Billable";
    draft["status"] ??= "Open";
    if (previous === undefined) {
      draft["enteredBy"] = ctx.member.identifier;
      draft["dateEntered"] = ctx.now;
    }
  },
};
