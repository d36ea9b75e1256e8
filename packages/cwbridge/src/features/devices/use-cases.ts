/**
 * The devices feature's use cases: each a zod input schema (what the CLI maps its flags to and
 * the HTTP route will validate) over the feature's functions.
 */
import { z } from "zod";
import type { AppIssue } from "../../core/app-error.js";
import { defineUseCase } from "../../core/use-case.js";
import { safeString } from "../../domain/safe-text.js";
import { DeviceError } from "./errors.js";
import { planSync } from "./plan-sync.js";
import { MAX_DEVICES_PER_PUSH, pushDevices } from "./push-devices.js";
import { deviceInputSchema } from "./device-schema.js";
import { publishedAs } from "../../core/input-json-schema.js";
import { adoptionChoiceSchema, resolveAdoption } from "./resolve-adoption.js";
import { approveDeactivations, runSync } from "./run-sync.js";
import { getSyncReport } from "./sync-report.js";

const id = safeString().min(1).max(200);
const companyId = z.number().int().positive();

function invalid(issues: readonly AppIssue[]): DeviceError {
  const list = issues.map((i) => `${i.path === "" ? "input" : i.path}: ${i.message}`);
  // Not items of a push: index -1, the field is the input's path.
  const items = issues.map((i) => ({ ...i, index: -1, field: i.path }));
  return new DeviceError("CWB_ERR_DEVICE_INVALID", `invalid input: ${list.join("; ")}`, {
    issues: items,
  });
}

function isDeviceStream(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    (Symbol.iterator in value || Symbol.asyncIterator in value)
  );
}

/** The object without its `undefined` members (zod's optional output → exact optional options). */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

const scopeShape = { sourceId: id.optional(), connectionId: id.optional() };

/**
 * Stores a source's devices (all or nothing) and enqueues their sync. `devices` is an array or a
 * (possibly async) stream of device records: each is validated by `deviceInputSchema` inside the
 * push (item by item, so a 250,000-device file is never held whole).
 */
export const pushDevicesCase = defineUseCase({
  name: "push",
  summary: "Store a source's devices (validated all or nothing) and queue their sync",
  input: z
    .object({
      sourceId: id,
      mode: z.enum(["snapshot", "delta"]),
      removed: z.array(safeString().trim().min(1).max(200)).max(MAX_DEVICES_PER_PUSH).optional(),
      devices: publishedAs(
        z
          .custom<Iterable<unknown> | AsyncIterable<unknown>>(isDeviceStream, {
            message: "an array (or stream) of devices",
          })
          .describe("the devices (each validated; a bad one refuses the whole push)"),
        z.array(deviceInputSchema).max(MAX_DEVICES_PER_PUSH),
      ),
    })
    .strict(),
  invalid,
  run: (ctx, { sourceId, devices, ...options }) =>
    pushDevices(ctx, sourceId, devices, defined(options)),
});

/** The dry-run of a sync. */
export const planSyncCase = defineUseCase({
  name: "plan",
  summary: "Show what a device sync would write, per company (writes nothing)",
  input: z
    .object({ ...scopeShape, diffLimit: z.number().int().min(0).max(10_000).optional() })
    .strict(),
  invalid,
  run: (ctx, input) => planSync(ctx, defined(input)),
});

/** Enqueues the device sync of every partition in scope. */
export const runSyncCase = defineUseCase({
  name: "sync",
  summary: "Queue the device sync of every company in scope",
  input: z.object(scopeShape).strict(),
  invalid,
  run: (ctx, input) => runSync(ctx, defined(input)),
});

/** Approves a partition's blocked deactivations once. */
export const approveDeactivationsCase = defineUseCase({
  name: "approveDeactivations",
  summary: "Approve a company's blocked deactivations once and queue its sync",
  input: z.object({ sourceId: id, companyId }).strict(),
  invalid,
  run: (ctx, input) => approveDeactivations(ctx, input.sourceId, input.companyId),
});

/** The last sync reports of a source. */
export const syncReportsCase = defineUseCase({
  name: "reports",
  summary: "The last sync report of each company of a source",
  input: z.object({ sourceId: id, companyId: companyId.optional() }).strict(),
  invalid,
  run: (ctx, input) => getSyncReport(ctx, input.sourceId, input.companyId),
});

/** Resolves an ambiguous adoption by hand. */
export const resolveAdoptionCase = defineUseCase({
  name: "resolveAdoption",
  summary: "Link a held device to an existing configuration, or create a new one",
  input: z.object({ sourceId: id, externalId: id, choice: adoptionChoiceSchema }).strict(),
  invalid,
  run: (ctx, input) => resolveAdoption(ctx, input.sourceId, input.externalId, input.choice),
});
