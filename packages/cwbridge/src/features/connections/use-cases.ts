/**
 * The use cases of the connections feature: what the CLI, the HTTP routes and jobs call (via
 * `callUseCase`), each with its input schema. Bad input throws the feature's own errors: `add`
 * is checked by the same validation as `addConnection` (every bad field listed; the site
 * policy), the rest report `CWB_ERR_CONNECTION_INVALID`. The `changes` of `update` are an
 * object checked when the update runs (`updateConnectionSchema` plus the site policy, which
 * depends on the stored row), so every bad field and the policy are listed together.
 */
import { z } from "zod";
import { invalidInput } from "../../connectwise/errors.js";
import type { AppIssue } from "../../core/app-error.js";
import { defineUseCase } from "../../core/use-case.js";
import { checkedBy } from "../../lib/checked-schema.js";
import { addConnection, parseAddConnection } from "./add-connection.js";
import { addConnectionSchema, type UpdateConnectionInput } from "./input-schema.js";
import { getConnection, listConnections } from "./read-connections.js";
import { removeConnection } from "./remove-connection.js";
import { testConnection } from "./test-connection.js";
import { disableConnection, enableConnection } from "./toggle-connection.js";
import { updateConnection } from "./update-connection.js";

/** A connection by id or name. */
const connectionRef = z.string().max(200);

/** The `CWB_ERR_CONNECTION_INVALID` of input a use case's schema refused. */
function connectionInvalid(issues: readonly AppIssue[]) {
  return invalidInput(
    issues.map((issue) => ({
      field: issue.path === "" ? "(input)" : issue.path,
      path: issue.path,
      message: issue.message,
    })),
  );
}

/** The changes of an update: an object, validated by `updateConnection` (see above). */
const updateChanges = z
  .record(z.string(), z.unknown())
  .meta({ description: "any subset of the add fields (updateConnectionSchema)" });

const byRef = z.object({ connection: connectionRef }).strict();

/** The connections feature's use cases, by name. */
export const connectionsUseCases = {
  add: defineUseCase({
    name: "add",
    summary: "Add a connection (disabled until enabled)",
    input: checkedBy(addConnectionSchema, (raw) => void parseAddConnection(raw)),
    invalid: connectionInvalid,
    run: (ctx, input) => addConnection(ctx, input),
  }),
  update: defineUseCase({
    name: "update",
    summary: "Change a connection: only the fields given",
    input: z
      .object({
        connection: connectionRef,
        changes: updateChanges,
      })
      .strict(),
    invalid: connectionInvalid,
    run: (ctx, input) =>
      updateConnection(ctx, input.connection, input.changes as UpdateConnectionInput),
  }),
  list: defineUseCase({
    name: "list",
    summary: "List connections",
    input: z.object({}).strict(),
    invalid: connectionInvalid,
    run: (ctx) => listConnections(ctx),
  }),
  get: defineUseCase({
    name: "get",
    summary: "One connection by id or name",
    input: byRef,
    invalid: connectionInvalid,
    run: (ctx, input) => getConnection(ctx, input.connection),
  }),
  test: defineUseCase({
    name: "test",
    summary: "Test a connection: companyinfo, system/info, who-am-I",
    input: z
      .object({
        connection: connectionRef,
        timeoutMs: z.number().int().positive().max(600_000).optional(),
      })
      .strict(),
    invalid: connectionInvalid,
    run: (ctx, input) =>
      testConnection(
        ctx,
        input.connection,
        input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs },
      ),
  }),
  enable: defineUseCase({
    name: "enable",
    summary: "Allow writes to ConnectWise",
    input: byRef,
    invalid: connectionInvalid,
    run: (ctx, input) => enableConnection(ctx, input.connection),
  }),
  disable: defineUseCase({
    name: "disable",
    summary: "Stop all writes to ConnectWise",
    input: byRef,
    invalid: connectionInvalid,
    run: (ctx, input) => disableConnection(ctx, input.connection),
  }),
  remove: defineUseCase({
    name: "remove",
    summary: "Remove a connection (refused while it has incidents)",
    input: byRef,
    invalid: connectionInvalid,
    run: (ctx, input) => removeConnection(ctx, input.connection),
  }),
};
