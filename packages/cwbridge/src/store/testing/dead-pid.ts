/**
 * Test-only: the pid of a process that existed and has exited (a child we waited for), to
 * stand for an engine that was killed.
 */
import { spawnSync } from "node:child_process";

/**
 * @example
 * const owner = { host: currentOwner().host, pid: deadPid() };
 */
export function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid;
  if (pid === undefined) throw new Error("could not start a child process");
  return pid;
}
