/**
 * Test-only: a second app on a test app's data dir, store and emulator, as another process of
 * the same installation would open it (to test what one process sees of another's changes).
 */
import { openApp, type App } from "../open-app.js";
import { routeFetch, type TestApp } from "./test-app.js";

/**
 * Opens another app with the test app's configuration; close it when done.
 *
 * @example
 * const other = await openPeerApp(t);
 * try { await rotateKeys(other.ctx); } finally { await other.close(); }
 */
export function openPeerApp(t: TestApp): Promise<App> {
  return openApp({ config: t.ctx.config, fetch: routeFetch(t.emulator) });
}
