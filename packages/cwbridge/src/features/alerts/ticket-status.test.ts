/**
 * Status changes on a board ConnectWise has set up without the status we need: the ticket job
 * fails with `CWB_ERR_ALERT_BOARD_STATUS_MISSING` (not a routing-name error), keeps it on the
 * incident, changes nothing in ConnectWise, and goes through once the board is fixed.
 */
import { DEMO_KEYS } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { externalXRef } from "../../domain/incident-key.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { ALERT_JOB_KINDS } from "./job-specs.js";
import { getIncident } from "./incident-queries.js";
import { ingestAlert } from "./ingest-alert.js";
import { invalidateRouteCache } from "./route-resolver.js";
import {
  createAlertBench,
  DEMO,
  fire,
  resolve,
  runAlertJob,
  type AlertBench,
} from "./testing/alert-fixtures.js";

/**
 * Sets `inactive` on the closed statuses of a board, through the emulator's REST API with the
 * admin's key (an administrator changing the board setup in ConnectWise).
 */
async function setClosedStatusesInactive(
  bench: AlertBench,
  boardId: number,
  inactive: boolean,
): Promise<void> {
  const { emulator } = bench.t;
  const { companyId, clientId, codebase } = emulator.credentials;
  const { publicKey, privateKey } = DEMO_KEYS.admin;
  const closed = emulator
    .table("boardStatuses")
    .filter(
      (s) => (s["board"] as { id?: number } | undefined)?.id === boardId && s["closedStatus"],
    );
  expect(closed.length).toBeGreaterThan(0);
  for (const status of closed) {
    const response = await emulator.fetch(
      `http://cw.emulator/${codebase}apis/3.0/service/boards/${boardId}/statuses/${status.id}`,
      {
        method: "PATCH",
        headers: {
          authorization: `Basic ${btoa(`${companyId}+${publicKey}:${privateKey}`)}`,
          clientId,
          "content-type": "application/json",
        },
        body: JSON.stringify([{ op: "replace", path: "inactive", value: inactive }]),
      },
    );
    expect(response.status).toBe(200);
  }
  // The statuses of the board were cached when the ticket was opened.
  invalidateRouteCache(bench.t.ctx, bench.t.connectionId);
}

describe.each(TEST_DIALECTS)("ticket status (%s)", (dialect) => {
  let bench: AlertBench;
  beforeEach(async () => {
    bench = await createAlertBench({
      dialect,
      start: false,
      settings: { defaults: { boardName: "Monitoring Alerts" } },
    });
  });
  afterEach(async () => {
    await bench.close();
  });

  it("a board without a closed status fails the close with its own code, then closes once fixed", async () => {
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    await runAlertJob(bench, ALERT_JOB_KINDS.ensureTicket, incidentKey);
    const opened = await getIncident(bench.t.ctx, incidentKey);
    expect(opened).toMatchObject({ state: "open" });
    const ticketId = opened?.ticketId;
    expect(ticketId).toEqual(expect.any(Number));
    const ticket = () => bench.t.emulator.table("tickets").find((t) => t.id === ticketId);
    expect(ticket()).toMatchObject({
      board: { id: DEMO.monitoringBoardId },
      externalXRef: externalXRef(incidentKey),
    });

    await setClosedStatusesInactive(bench, DEMO.monitoringBoardId, true);
    await ingestAlert(bench.t.ctx, bench.sourceId, resolve());
    bench.t.emulator.ledger.clear();
    await runAlertJob(bench, ALERT_JOB_KINDS.closeTicket, incidentKey);

    const failed = await getIncident(bench.t.ctx, incidentKey);
    expect(failed?.data.lastError?.message).toMatch(
      new RegExp(`^CWB_ERR_ALERT_BOARD_STATUS_MISSING: service board ${DEMO.monitoringBoardId} `),
    );
    // The resolution note goes first; the status PATCH is never sent.
    const writes = () =>
      bench.t.emulator.ledger
        .requests()
        .filter((r) => r.method !== "GET")
        .map((r) => `${r.method} ${r.path}`);
    expect(writes()).toEqual([`POST /service/tickets/${ticketId}/notes`]);
    expect(ticket()?.["closedFlag"]).not.toBe(true);

    await setClosedStatusesInactive(bench, DEMO.monitoringBoardId, false);
    bench.t.emulator.ledger.clear();
    await runAlertJob(bench, ALERT_JOB_KINDS.closeTicket, incidentKey);
    expect(writes()).toEqual([`PATCH /service/tickets/${ticketId}`]);
    expect(ticket()?.["closedFlag"]).toBe(true);
    expect((await getIncident(bench.t.ctx, incidentKey))?.data.lastError).toBeUndefined();
  });
});
