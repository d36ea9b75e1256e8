/**
 * Test/bench-only child entry: pushes 100,000 devices (streamed from a generator) into a fresh
 * world's store with `pushDevices` and prints `{ peakRssMb, baselineRssMb, ms }` as JSON —
 * RSS sampled every 10 ms in this process, which runs nothing else.
 *
 * Run: `node --import tsx --conditions=source packages/cwbridge/test/harness/push-memory-child.ts [count]`.
 */
import { demoSeed } from "@cwbridge/connectwise-emulator";
import type { DeviceInput } from "../../src/features/devices/device-schema.js";
import { pushDevices } from "../../src/features/devices/push-devices.js";
import { buildWorkload } from "./workload.js";
import { createWorld } from "./world.js";

function* devices(count: number, customers: readonly string[]): Generator<DeviceInput> {
  for (let i = 0; i < count; i++) {
    const n = String(i + 1).padStart(7, "0");
    yield {
      externalId: `dev-${n}`,
      customerId: customers[i % customers.length] ?? "",
      name: `WS-${n}`,
      type: "Managed Workstation",
      serialNumber: `SN${n}ABC`,
      macAddress: `00:1A:2B:${n.slice(1, 3)}:${n.slice(3, 5)}:${n.slice(5, 7)}`,
      ipAddress: `10.0.${i % 250}.${(i % 200) + 1}`,
      osType: "Windows 11",
      manufacturer: "Dell",
    };
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const emulatorSeed = demoSeed({ companies: 210 });
  const workload = buildWorkload({ seed: 3, emulatorSeed, customers: 200, devices: 0, cycles: 0 });
  const world = await createWorld({ emulatorSeed, transport: "in-process", workload });
  const engine = await world.openEngine();
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  await pushDevices(
    engine.ctx,
    world.sourceId,
    devices(
      count,
      workload.customers.map((c) => c.id),
    ),
    { mode: "snapshot" },
  );
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  await engine.close();
  await world.close();
  process.stdout.write(
    `${JSON.stringify({ peakRssMb: peak / 2 ** 20, baselineRssMb: baseline / 2 ** 20, ms, count })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
