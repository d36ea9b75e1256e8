/**
 * Idempotent set-up of the demo: the connection to the demo emulator (its site follows the
 * emulator's new port on every start), the default alert board, and the `demo` source.
 */
import type { EmulatorCredentials } from "@cwbridge/connectwise-emulator";
import type { AppContext } from "../core/context.js";
import { writeAlertSettings } from "../features/alerts/index.js";
import {
  addConnection,
  listConnections,
  updateConnection,
  type Connection,
} from "../features/connections/index.js";
import { addSource, listSources, type Source } from "../features/sources/index.js";
import { DEMO_NAMES } from "./demo-data.js";

/**
 * The demo connection, added or pointed at the emulator's current URL.
 *
 * @example
 * const connection = await ensureDemoConnection(ctx, demo.credentials);
 */
export async function ensureDemoConnection(
  ctx: AppContext,
  credentials: EmulatorCredentials,
): Promise<{ connection: Connection; created: boolean }> {
  const existing = (await listConnections(ctx)).find((c) => c.name === DEMO_NAMES.connection);
  if (existing !== undefined) {
    const connection = await updateConnection(ctx, existing.id, { site: credentials.url });
    return { connection, created: false };
  }
  const connection = await addConnection(ctx, {
    name: DEMO_NAMES.connection,
    site: credentials.url,
    companyId: credentials.companyId,
    publicKey: credentials.publicKey,
    privateKey: credentials.privateKey,
    clientId: credentials.clientId,
    allowOnPrem: true,
    allowInsecure: true,
  });
  await writeAlertSettings(ctx, connection.id, { defaults: { boardName: "Monitoring Alerts" } });
  return { connection, created: true };
}

/**
 * The `demo` source (its token is shown only when it is created).
 *
 * @example
 * const { source, token } = await ensureDemoSource(ctx, connection.id);
 */
export async function ensureDemoSource(
  ctx: AppContext,
  connectionId: string,
): Promise<{ source: Source; token?: string }> {
  const existing = (await listSources(ctx)).find((s) => s.name === DEMO_NAMES.source);
  if (existing !== undefined) return { source: existing };
  return addSource(ctx, { name: DEMO_NAMES.source, kind: "demo", connectionId });
}
