/**
 * The mutable state of one emulator instance, shared by the request handlers.
 */
import type { CallbackDispatcher } from "./callbacks.js";
import type { FaultInjector } from "./faults.js";
import type { Ledger } from "./ledger.js";
import type { Store } from "./store.js";
import type { Clock, SeedData } from "./types.js";

export interface EmulatorState {
  readonly seed: SeedData;
  readonly store: Store;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly faults: FaultInjector;
  readonly callbacks: CallbackDispatcher;
  /** Origin used in `Link` headers and `_href`s (changes when `listen` starts). */
  baseUrl: string;
  /** Sequence of request ids (`x-cw-request-id`). */
  requestSeq: number;
}

/** ConnectWise's date format: ISO-8601 UTC without milliseconds. */
export function cwDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `origin/{codebase}apis/3.0` for hrefs (codebase from the seed). */
export function apiBase(state: EmulatorState): string {
  const codebase = state.seed.codebase.replace(/^\/+/, "").replace(/\/?$/, "/");
  return `${state.baseUrl}/${codebase}apis/3.0`;
}
