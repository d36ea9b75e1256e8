import { afterEach, describe, expect, it } from "vitest";
import { nowIso } from "../store/now.js";
import { beginRequestLog, queryRequestLog } from "../store/request-log.js";
import { currentOwner } from "../store/request-log-owner.js";
import { TEST_DIALECTS } from "../store/testing/test-stores.js";
import { createTestApp, type TestApp } from "./testing/test-app.js";
import { deadPid } from "../store/testing/dead-pid.js";

describe.each(TEST_DIALECTS)("engine start on %s", (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("settles the rows a dead engine left `sending`, and only those", async () => {
    const engine = await createTestApp({ dialect });
    t = engine;
    const { host } = currentOwner();
    const begin = (path: string, pid: number) =>
      beginRequestLog(engine.ctx.store.db, {
        at: nowIso(),
        connectionId: engine.connectionId,
        method: "POST",
        path,
        attempt: 1,
        jobId: "9",
        owner: { host, pid },
      });
    await begin("/service/tickets", deadPid());
    await begin("/company/configurations", process.ppid);
    await engine.engine.start();
    const rows = await queryRequestLog(engine.ctx.store.db, { limit: 10 });
    expect(rows.map((r) => [r.path, r.outcome, r.errorCode])).toEqual([
      ["/service/tickets", "outcome_unknown", "CWB_ERR_ENGINE_STOPPED"],
      ["/company/configurations", "sending", null],
    ]);
  });
});
