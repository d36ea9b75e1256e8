/**
 * Test-only: starts `engine-child.ts` as a separate Node process (tsx, `source` condition) and
 * lets the test kill it with SIGKILL or wait for its clean, drained exit.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD = fileURLToPath(new URL("./engine-child.ts", import.meta.url));
const REPO = fileURLToPath(new URL("../../../../", import.meta.url));

/** How a child ended. */
export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** It printed `drained` (the queue was empty when it closed). */
  readonly drained: boolean;
  readonly stderr: string;
}

/** A running engine child. */
export interface EngineChild {
  readonly pid: number;
  /** Resolves when the worker runs (`ready`); rejects if the child exits first. */
  readonly ready: Promise<void>;
  readonly exited: Promise<ChildExit>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<ChildExit>;
}

/**
 * Starts the engine child with `env` on top of this process's environment.
 *
 * @example
 * const child = startEngineChild(world.env);
 * await sleep(700); await child.kill();
 */
export function startEngineChild(env: Readonly<Record<string, string>>): EngineChild {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", CHILD], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let onReady: () => void = () => undefined;
  let onEarlyExit: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onEarlyExit = reject;
  });
  ready.catch(() => undefined);
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.includes("ready\n")) onReady();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<ChildExit>((resolve) => {
    child.on("exit", (code, signal) => {
      onEarlyExit(new Error(`engine child exited before ready (${code ?? signal}): ${stderr}`));
      resolve({ code, signal, drained: stdout.includes("drained\n"), stderr });
    });
  });
  if (child.pid === undefined) throw new Error("engine child: spawn failed");
  return {
    pid: child.pid,
    ready,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return exited;
    },
  };
}
