/**
 * What happens when the incident's ticket no longer exists in ConnectWise (404): a resolving
 * incident is simply closed (orphan); an open one forgets the ticket so the next step creates
 * a new one.
 */
import type { Incident } from "./incident-record.js";
import { update, type StepContext } from "./step-context.js";

/**
 * Records that the incident's ticket is gone.
 *
 * @example
 * if ((await writeNoteOnce(step, key, note)) === "gone") return ticketGone(step, incident.key);
 */
export async function ticketGone(step: StepContext, key: string): Promise<void> {
  const at = step.ctx.clock.now().toISOString();
  step.ctx.log.warn({ incident: key }, "the incident's ConnectWise ticket is gone (404)");
  await update(step, key, (i): Incident => {
    const { note: _n, reopen: _r, noteSending: _ns, reopenSending: _rs, ...data } = i.data;
    if (i.state === "resolving" || i.state === "closed") {
      return {
        ...i,
        state: "closed",
        closedAt: i.closedAt ?? at,
        data: { ...data, orphan: true, ticketClosed: true },
      };
    }
    return {
      ...i,
      ticketId: null,
      attempts: 0,
      outcomeUnknownSince: null,
      data: { ...data, orphan: true, configDue: i.deviceId !== null, ticketClosed: false },
    };
  });
}
