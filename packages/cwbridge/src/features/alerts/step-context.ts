/**
 * What every ticket step receives, what it returns, and how ConnectWise failures are classed.
 */
import {
  ConnectWiseConnectionError,
  ConnectWiseError,
  ConnectWiseNotFoundError,
  ConnectWiseOutcomeUnknownError,
  ConnectWiseServerError,
  ConnectWiseTimeoutError,
  ConnectWiseValidationError,
  type ConnectWise,
} from "@cwbridge/connectwise";
import type { Ticket } from "@cwbridge/connectwise/schemas";
import type { AppContext } from "../../core/context.js";
import type { TransactionOptions } from "../../store/open-store.js";
import type { AlertSettings } from "./alert-settings.js";
import { mutateIncident } from "./incident-repository.js";
import type { Incident } from "./incident-record.js";

/** The context of one step: engine, the connection's client and alert settings. */
export interface StepContext {
  readonly ctx: AppContext;
  readonly cw: ConnectWise;
  readonly settings: AlertSettings;
}

/**
 * A step either made progress (`continue`) or asks to run again after `delayMs` (`wait`; a
 * delay, not a time, because the queue runs on real time while the engine clock may not).
 */
export type StepResult =
  { readonly kind: "continue" } | { readonly kind: "wait"; readonly delayMs: number };

/** The `continue` result. */
export const CONTINUE: StepResult = { kind: "continue" };

/**
 * Whether a write may have been applied although it failed (timeout, reset, 5xx): such a
 * write is never blindly repeated; the next run looks for its effect first. Errors raised
 * before anything was sent (our own `CWB_ERR_*`, refused connections, 4xx) are not ambiguous.
 *
 * @example
 * if (isAmbiguous(error)) markOutcomeUnknown();
 */
export function isAmbiguous(error: unknown): boolean {
  if (error instanceof ConnectWiseOutcomeUnknownError) return true;
  if (error instanceof ConnectWiseTimeoutError || error instanceof ConnectWiseServerError)
    return true;
  if (error instanceof ConnectWiseConnectionError) return error.sent;
  if (error instanceof ConnectWiseError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  return !(typeof code === "string" && code.startsWith("CWB_ERR_"));
}

/**
 * Whether ConnectWise answered 404 (the record is gone).
 *
 * @example
 * if (isNotFound(error)) return markOrphan();
 */
export function isNotFound(error: unknown): boolean {
  return error instanceof ConnectWiseNotFoundError;
}

/**
 * Whether ConnectWise rejected the body (400 InvalidObject).
 *
 * @example
 * if (isValidation(error)) invalidateRouteCache(ctx, connectionId);
 */
export function isValidation(error: unknown): error is ConnectWiseValidationError {
  return error instanceof ConnectWiseValidationError;
}

/**
 * Whether a 400 says the object already exists (e.g. a configuration already linked).
 *
 * @example
 * if (isObjectExists(error)) return; // linked already
 */
export function isObjectExists(error: unknown): boolean {
  return isValidation(error) && (error.errors ?? []).some((e) => e.code === "ObjectExists");
}

/**
 * Applies `change` to the stored incident (locked, one transaction) and returns the result;
 * throws when the incident disappeared. Durable by default; `relaxed` only for a state that a
 * re-run would establish again (e.g. a ticket id found by the search after a lost write).
 *
 * @example
 * incident = await update(step, incident.key, (i) => ({ ...i, attempts: i.attempts + 1 }));
 */
export async function update(
  step: StepContext,
  key: string,
  change: (incident: Incident) => Incident | undefined,
  options: TransactionOptions = {},
): Promise<Incident> {
  const next = await mutateIncident(step.ctx.scope, key, change, options);
  if (next === undefined) throw new Error(`incident '${key}' disappeared`);
  return next;
}

/**
 * The step clock's current time as ISO text.
 *
 * @example
 * const at = nowOf(step);
 */
export function nowOf(step: StepContext): string {
  return step.ctx.clock.now().toISOString();
}

/**
 * The id of a ticket's board, when ConnectWise returned one.
 *
 * @example
 * boardIdOf(ticket) // 2
 */
export function boardIdOf(ticket: Pick<Ticket, "board">): number | undefined {
  const id = ticket.board?.id;
  return typeof id === "number" ? id : undefined;
}

/**
 * `{ boardId }` when the ticket names its board, else `{}` (to spread into incident data).
 *
 * @example
 * data: { ...incident.data, ...boardData(ticket) }
 */
export function boardData(ticket: Pick<Ticket, "board">): { boardId?: number } {
  const boardId = boardIdOf(ticket);
  return boardId === undefined ? {} : { boardId };
}
