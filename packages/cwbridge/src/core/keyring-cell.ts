/**
 * The engine context's keyring is read through a getter, so a rotation inside this process
 * (`rotateKeys`) can swap it without rebuilding the context.
 */
import type { Keyring } from "../secrets/index.js";
import type { AppContext } from "./context.js";
import { baseOf, type BaseContext } from "./tenant-context.js";

const setters = new WeakMap<BaseContext, (keyring: Keyring) => void>();

/**
 * Registers how to replace the keyring of a context (called by `openApp`).
 *
 * @example
 * registerKeyringSetter(ctx, (k) => (cell.keyring = k));
 */
export function registerKeyringSetter(ctx: BaseContext, setter: (keyring: Keyring) => void): void {
  setters.set(baseOf(ctx), setter);
}

/**
 * Replaces the keyring a context uses; returns false when the context has no setter
 * (a hand-built context), in which case the caller keeps its own keyring.
 *
 * @example
 * replaceKeyring(ctx, rotated);
 */
export function replaceKeyring(ctx: AppContext, keyring: Keyring): boolean {
  const setter = setters.get(baseOf(ctx));
  setter?.(keyring);
  return setter !== undefined;
}
