/**
 * Typed plugin composition (Octokit's `Octokit.plugin(a, b)` as a function): the client a
 * list of plugins builds carries each plugin's extras in its type.
 */
import { createConnectWiseCore, type ConnectWiseKernel } from "./client.js";
import type { ConnectWiseOptions } from "./options.js";
import type { AnyConnectWisePlugin, ExtrasOf } from "./plugin.js";

/**
 * Applies `plugins` in order to `client` and returns their extras, merged (a later plugin's
 * extra replaces an earlier one of the same name). Untyped: `withPlugins` and
 * `createConnectWise` give the result its type.
 *
 * @example
 * const extras = applyPlugins(core, [throttle, retry], options); // { throttleStatus }
 */
export function applyPlugins(
  client: ConnectWiseKernel,
  plugins: readonly AnyConnectWisePlugin[],
  options: ConnectWiseOptions,
): object {
  const extras = {};
  for (const plugin of plugins) Object.assign(extras, plugin(client, options) ?? {});
  return extras;
}

/**
 * A client factory: the kernel with `plugins` applied in order (the first is innermost), typed
 * with every plugin's extras. The kernel's own members win over an extra of the same name.
 *
 * @example
 * const create = withPlugins(throttle, retry, hello); // hello: ConnectWisePlugin<{ hello(): string }>
 * const cw = create(options);
 * cw.hello(); cw.throttleStatus?.();
 */
export function withPlugins<const Plugins extends readonly AnyConnectWisePlugin[]>(
  ...plugins: Plugins
): (options: ConnectWiseOptions) => ConnectWiseKernel & ExtrasOf<Plugins> {
  return (options) => {
    const core = createConnectWiseCore(options);
    const extras = applyPlugins(core, plugins, options);
    return Object.assign(extras, core) as ConnectWiseKernel & ExtrasOf<Plugins>;
  };
}
