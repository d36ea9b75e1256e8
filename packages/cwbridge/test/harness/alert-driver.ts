/**
 * Test-only: drives the alert cycles of a workload the way a monitoring tool would — fires,
 * then resolves once the ticket exists (racing cycles resolve at once), some deliveries twice —
 * through `ingestAlert` in the test process (durable store writes + outbox jobs). It remembers
 * what was accepted, for the oracles.
 */
import type { AppContext } from "../../src/core/context.js";
import { ingestAlert, incidentKeyOf } from "../../src/features/alerts/index.js";
import type { AlertCycle, WorkloadAlertEvent } from "./workload.js";

/** The driver of one run. */
export interface AlertDriver {
  /** Delivery ids accepted so far. */
  readonly delivered: ReadonlySet<string>;
  /** Fires these cycles (and resolves the racing ones right away). */
  fire(cycles: readonly AlertCycle[]): Promise<void>;
  /** Resolves every fired cycle whose ticket exists; returns how many were resolved. */
  resolveOpened(): Promise<number>;
  /** Resolves every fired cycle not resolved yet, ticket or not; returns how many. */
  resolveAll(): Promise<number>;
  /** Whether every cycle was fired and resolved. */
  done(): boolean;
}

/**
 * A driver over `cycles` for a source; `ctx` is any engine context on the world's store.
 *
 * @example
 * const driver = createAlertDriver(feeder.ctx, world.sourceId, workload.cycles);
 * await driver.fire(workload.cycles.slice(0, 50));
 */
export function createAlertDriver(
  ctx: AppContext,
  sourceId: string,
  cycles: readonly AlertCycle[],
): AlertDriver {
  const delivered = new Set<string>();
  const byKey = new Map(cycles.map((c) => [incidentKeyOf(sourceId, c.fire), c]));
  const deliver = async (cycle: AlertCycle, event: WorkloadAlertEvent): Promise<void> => {
    await ingestAlert(ctx, sourceId, event);
    delivered.add(event.id);
    if (cycle.redelivered) await ingestAlert(ctx, sourceId, event);
  };
  return {
    delivered,
    async fire(batch) {
      for (const cycle of batch) {
        await deliver(cycle, cycle.fire);
        if (cycle.racing) await deliver(cycle, cycle.resolve);
      }
    },
    async resolveOpened() {
      const open = await ctx.store.db
        .selectFrom("incidents")
        .select("key")
        .where("source_id", "=", sourceId)
        .where("cw_ticket_id", "is not", null)
        .execute();
      let resolved = 0;
      for (const { key } of open) {
        const cycle = byKey.get(key);
        if (cycle === undefined || delivered.has(cycle.resolve.id)) continue;
        await deliver(cycle, cycle.resolve);
        resolved++;
      }
      return resolved;
    },
    async resolveAll() {
      let resolved = 0;
      for (const cycle of cycles) {
        if (!delivered.has(cycle.fire.id) || delivered.has(cycle.resolve.id)) continue;
        await deliver(cycle, cycle.resolve);
        resolved++;
      }
      return resolved;
    },
    done: () => cycles.every((c) => delivered.has(c.fire.id) && delivered.has(c.resolve.id)),
  };
}
