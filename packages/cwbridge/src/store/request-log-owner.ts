/**
 * Who sends a request: the process identity written on a `sending` events-log row, and the
 * liveness test the abandoned-request sweep applies to it.
 *
 * The host key names the PID namespace a pid belongs to: the hostname, plus on Linux the boot
 * id and the PID-namespace inode. Two containers that share a hostname (and a PostgreSQL store)
 * but not a PID namespace therefore never judge each other's pids.
 */
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";

/** The process that wrote a row. */
export interface RequestOwner {
  readonly host: string;
  readonly pid: number;
}

let cached: RequestOwner | undefined;

function readOptional(read: () => string): string | undefined {
  try {
    return read().trim();
  } catch {
    return undefined;
  }
}

/**
 * This process (computed once).
 *
 * @example
 * currentOwner(); // { host: "worker-1/5b0c…/pid:[4026531836]", pid: 4242 }
 */
export function currentOwner(): RequestOwner {
  if (cached === undefined) {
    const boot = readOptional(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8"));
    const namespace = readOptional(() => readlinkSync("/proc/self/ns/pid"));
    const host = [hostname(), boot, namespace].filter((p) => p !== undefined).join("/");
    cached = { host, pid: process.pid };
  }
  return cached;
}

/**
 * Whether a pid of this host key is a running process. `EPERM` (exists, another user's) counts
 * as alive; only `ESRCH` proves it gone. A reused pid reads as alive: the sweep then waits for
 * the age rule, never the other way round.
 *
 * @example
 * isPidAlive(process.pid); // true
 */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(error instanceof Error && "code" in error && error.code === "ESRCH");
  }
}
