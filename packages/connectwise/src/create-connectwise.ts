/**
 * `createConnectWise(options)`: the kernel with the throttle and retry plugins, any extra
 * plugins, and the resource facades.
 */
import { createConnectWiseCore, type ConnectWiseKernel, type ConnectWisePlugin } from "./client.js";
import type { ConnectWiseOptions } from "./options.js";
import { retry } from "./plugins/retry.js";
import { throttle, type ThrottleStatus } from "./plugins/throttle.js";
import { createResources, type ConnectWiseResources } from "./resources/index.js";

/** The full client. */
export type ConnectWise = ConnectWiseKernel &
  ConnectWiseResources & {
    /** Limiter state (present while the built-in throttle is on). */
    readonly throttleStatus?: () => ThrottleStatus;
  };

/** Built-in plugins, innermost first: each attempt of a retry waits for a throttle slot. */
const BUILT_IN_PLUGINS: readonly ConnectWisePlugin[] = [throttle, retry];

/**
 * A ConnectWise PSA client.
 *
 * @example
 * const cw = createConnectWise({ site: "na", companyId: "acme", publicKey, privateKey, clientId });
 * const tickets = await cw.collect("/service/tickets", { conditions: "closedFlag = false", limit: 100 });
 */
export function createConnectWise(options: ConnectWiseOptions): ConnectWise {
  const core = createConnectWiseCore(options);
  const extras: Record<string, unknown> = {};
  for (const plugin of [...BUILT_IN_PLUGINS, ...(options.plugins ?? [])]) {
    Object.assign(extras, plugin(core, options) ?? {});
  }
  return { ...extras, ...core, ...createResources(core) };
}
