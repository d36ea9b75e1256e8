/**
 * The plugin contract (Octokit shape): `(client, options) => extras`, and the types that turn
 * a list of plugins into the client type that carries their extras.
 */
import type { ConnectWiseKernel } from "./client.js";
import type { ConnectWiseOptions } from "./options.js";

/**
 * What a plugin may return: its extras, or nothing when every extra is optional (a plugin that
 * only wraps requests, or one that can be switched off by its options).
 */
export type PluginResult<Extras extends object> =
  Record<never, never> extends Extras ? Extras | void : Extras;

/**
 * A plugin: `(client, options) => extra API` (Octokit shape). `Extras` is what it adds to the
 * client; its options are declared on `ConnectWiseOptions` by module augmentation.
 *
 * @example
 * const hello: ConnectWisePlugin<{ hello(): string }> = () => ({ hello: () => "hi" });
 */
export type ConnectWisePlugin<Extras extends object = Record<never, never>> = (
  client: ConnectWiseKernel,
  options: ConnectWiseOptions,
) => PluginResult<Extras>;

/** Any plugin, whatever its extras (the constraint of plugin lists). */
export type AnyConnectWisePlugin = (
  client: ConnectWiseKernel,
  options: ConnectWiseOptions,
) => object | void;

/**
 * The extras one plugin adds (`unknown`, i.e. nothing, for a plugin that returns nothing).
 *
 * @example
 * type T = PluginExtras<typeof throttle>; // { readonly throttleStatus?: () => ThrottleStatus }
 */
export type PluginExtras<P> = P extends (...args: never[]) => infer R
  ? [Exclude<R, void | undefined>] extends [never]
    ? unknown
    : Exclude<R, void | undefined>
  : never;

/**
 * The intersection of the extras of a tuple of plugins. A plain array (not a tuple) adds
 * nothing to the type: which plugins it holds is not known.
 *
 * @example
 * type T = ExtrasOf<[typeof throttle, typeof hello]>; // { throttleStatus?: ... } & { hello(): string }
 */
export type ExtrasOf<Plugins extends readonly unknown[]> = Plugins extends readonly [
  infer Head,
  ...infer Rest,
]
  ? PluginExtras<Head> & ExtrasOf<Rest>
  : unknown;
