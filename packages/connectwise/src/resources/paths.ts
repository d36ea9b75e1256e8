/** Path building for the facades: ids are checked so they can never alter the path. */
import { ConnectWiseArgumentError } from "./errors.js";

/**
 * A record id as a path segment; rejects anything but a positive safe integer.
 *
 * @example
 * idSegment(42); // → "42"
 * idSegment(-1); // throws ConnectWiseArgumentError
 */
export function idSegment(id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new ConnectWiseArgumentError(`Expected a positive integer record id, got ${String(id)}.`);
  }
  return String(id);
}

/**
 * `base/id`, with the id checked.
 *
 * @example
 * itemPath("/service/tickets", 7); // → "/service/tickets/7"
 */
export function itemPath(base: string, id: number): string {
  return `${base}/${idSegment(id)}`;
}
