/**
 * The demo's connection between runs of `npm start`: its emulator lives only as long as the
 * process, so when the demo stops (`--once`, Ctrl-C, a failure) the connection is parked —
 * disabled, and remembered as the demo's — and `doctor` reports it as parked instead of
 * failing on an emulator that is gone. The next `npm start` unparks it (new emulator URL,
 * enabled again by the demo flow).
 */
import type { AppContext } from "../core/context.js";
import { disableConnection } from "../features/connections/index.js";
import { deleteKv, getKv, setKv } from "../store/kv.js";

const PARKED_KEY = "demo:parked-connection";

/**
 * Disables the demo's connection and remembers it as parked.
 *
 * @example
 * await parkDemoConnection(app.ctx, connection.id);
 */
export async function parkDemoConnection(ctx: AppContext, connectionId: string): Promise<void> {
  await disableConnection(ctx, connectionId);
  await setKv(ctx.scope.db, PARKED_KEY, connectionId);
}

/**
 * Forgets the parked mark (the demo runs again, with a live emulator).
 *
 * @example
 * await unparkDemoConnection(app.ctx);
 */
export async function unparkDemoConnection(ctx: AppContext): Promise<void> {
  await deleteKv(ctx.scope.db, PARKED_KEY);
}

/**
 * Whether `connectionId` is the demo's parked connection (and still disabled).
 *
 * @example
 * if (await isParkedDemoConnection(engine.ctx, c.id, c.enabled)) skip();
 */
export async function isParkedDemoConnection(
  ctx: AppContext,
  connection: { readonly id: string; readonly enabled: boolean },
): Promise<boolean> {
  if (connection.enabled) return false;
  return (await getKv(ctx.scope.db, PARKED_KEY)) === connection.id;
}
