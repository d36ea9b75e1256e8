/**
 * `createConnectWise(options)`: the kernel with the throttle and retry plugins, any extra
 * plugins, and the resource facades.
 */
import { createConnectWiseCore, type ConnectWiseKernel } from "./client.js";
import type { ConnectWiseOptions } from "./options.js";
import type { AnyConnectWisePlugin, ExtrasOf } from "./plugin.js";
import { retry } from "./plugins/retry.js";
import { throttle, type ThrottleExtras } from "./plugins/throttle.js";
import { createResources, type ConnectWiseResources } from "./resources/index.js";
import { applyPlugins } from "./with-plugins.js";

declare module "./options.js" {
  interface ConnectWiseOptions {
    /**
     * Extra plugins of `createConnectWise`, applied after the built-in ones (the last is the
     * outermost wrapper). Given as a literal list, their extras show in the client's type.
     */
    readonly plugins?: readonly AnyConnectWisePlugin[];
  }
}

/** The full client: kernel, resource facades and the built-in plugins' extras. */
export type ConnectWise = ConnectWiseKernel & ConnectWiseResources & ThrottleExtras;

/** `createConnectWise` options whose `plugins` list is known, for typed extras. */
export type ConnectWiseOptionsWith<Plugins extends readonly AnyConnectWisePlugin[]> = Omit<
  ConnectWiseOptions,
  "plugins"
> & { readonly plugins?: Plugins };

/** Built-in plugins, innermost first: each attempt of a retry waits for a throttle slot. */
const BUILT_IN_PLUGINS = [throttle, retry] as const;

/**
 * A ConnectWise PSA client. Extra plugins given as a literal list add their extras to the type.
 *
 * @example
 * const cw = createConnectWise({ site: "na", companyId: "acme", publicKey, privateKey, clientId });
 * const tickets = await cw.collect("/service/tickets", { conditions: "closedFlag = false", limit: 100 });
 */
export function createConnectWise<const Plugins extends readonly AnyConnectWisePlugin[] = []>(
  options: ConnectWiseOptionsWith<Plugins>,
): ConnectWise & ExtrasOf<Plugins> {
  const core = createConnectWiseCore(options);
  const extras = applyPlugins(core, [...BUILT_IN_PLUGINS, ...(options.plugins ?? [])], options);
  return Object.assign(extras, core, createResources(core)) as ConnectWise & ExtrasOf<Plugins>;
}
