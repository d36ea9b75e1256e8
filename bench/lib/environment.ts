/** The machine facts written next to every result. */
import { cpus, loadavg } from "node:os";

/** e.g. `Node v20.20.0, 2 CPUs (AMD EPYC …), load 1.20` */
export function environmentLine(): string {
  const list = cpus();
  const model = list[0]?.model.trim() ?? "unknown CPU";
  const load = loadavg()[0] ?? 0;
  return `Node ${process.version}, ${list.length} CPUs (${model}), load average ${load.toFixed(2)} at start`;
}
