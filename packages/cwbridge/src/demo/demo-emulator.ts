/**
 * The demo's ConnectWise emulator: `demo` seed on a free loopback port; its state is saved to
 * `<dataDir>/demo-emulator.json` at the end of the demo and restored on the next start, so a
 * re-run meets the configurations and tickets it wrote before (and writes nothing new).
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  createEmulator,
  resolveSeed,
  type Emulator,
  type EmulatorCredentials,
  type SeedData,
  type TableName,
} from "@cwbridge/connectwise-emulator";

/** A running demo emulator. */
export interface DemoEmulator {
  readonly emulator: Emulator;
  /** Credentials with the listening URL. */
  readonly credentials: EmulatorCredentials;
  /** Whether the state came from a previous run. */
  readonly restored: boolean;
  /** Writes the current state to the data dir. */
  save(): Promise<void>;
  close(): Promise<void>;
}

const STATE_FILE = "demo-emulator.json";

/**
 * Starts (or restores) the demo emulator.
 *
 * @example
 * const demo = await startDemoEmulator(config.dataDir);
 * demo.credentials.url // "http://127.0.0.1:41234"
 */
export async function startDemoEmulator(dataDir: string): Promise<DemoEmulator> {
  const path = join(dataDir, STATE_FILE);
  const saved = await readSaved(path);
  const emulator = createEmulator({ seed: saved ?? "demo", ledgerLimit: 100_000 });
  const server = await emulator.listen({ port: 0, host: "127.0.0.1" });
  const seed = saved ?? resolveSeed("demo");
  return {
    emulator,
    credentials: { ...emulator.credentials, url: server.url },
    restored: saved !== undefined,
    async save() {
      const tables = Object.fromEntries(
        Object.keys(resolveSeed("demo").tables).map((name) => [
          name,
          emulator.table(name as TableName),
        ]),
      );
      const snapshot: SeedData = { ...seed, tables: { ...seed.tables, ...tables } };
      await writeFile(`${path}.tmp`, JSON.stringify(snapshot), { mode: 0o600 });
      await rename(`${path}.tmp`, path);
    },
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}

async function readSaved(path: string): Promise<SeedData | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as SeedData;
  } catch {
    return undefined;
  }
}
