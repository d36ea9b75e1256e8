import type { ConnectWiseCore } from "../types.js";

/** The resource facades (filled in by resources/*.ts). */
export type ConnectWiseResources = Record<never, never>;

/** Builds the resource facades over a kernel. */
export function createResources(_core: ConnectWiseCore): ConnectWiseResources {
  return {};
}
