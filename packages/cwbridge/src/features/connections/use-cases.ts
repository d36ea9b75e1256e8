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
import type { AppContext } from "../../core/context.js";
import { defineUseCase, thrownBy } from "../../core/use-case.js";
import { addConnection, parseAddConnection } from "./add-connection.js";
import { addConnectionSchema, updateConnectionSchema } from "./input-schema.js";
import { getConnection, listConnections } from "./read-connections.js";
import { removeConnection } from "./remove-connection.js";
import { testConnection } from "./test-connection.js";
import { disableConnection, enableConnection } from "./toggle-connection.js";
import { parseUpdateConnection, updateConnection } from "./update-connection.js";

/** A connection by id or name. */
const connectionRef = z.string().max(200).describe("the connection's id or name");

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

/** The error of a refused `add`: the feature's own validation words it. */
async function addInvalid(issues: readonly AppIssue[], raw: unknown) {
  return (await thrownBy(() => parseAddConnection(raw))) ?? connectionInvalid(issues);
}

/**
 * The error of a refused `update`: with a usable `connection`, the feature's own validation of
 * the `changes` against the stored row (not found first, as `updateConnection` does).
 */
async function updateInvalid(issues: readonly AppIssue[], raw: unknown, ctx: AppContext) {
  const parsed = z.object({ connection: connectionRef }).loose().safeParse(raw);
  if (!parsed.success || !issues.every((i) => /^changes($|[.[])/.test(i.path)))
    return connectionInvalid(issues);
  const changes = (raw as { changes?: unknown }).changes;
  return (
    (await thrownBy(() => parseUpdateConnection(ctx, parsed.data.connection, changes))) ??
    connectionInvalid(issues)
  );
}

const byRef = z.object({ connection: connectionRef }).strict();

/** The connections feature's use cases, by name. */
export const connectionsUseCases = {
  add: defineUseCase({
    name: "add",
    summary: "Add a connection (disabled until enabled)",
    input: addConnectionSchema,
    invalid: addInvalid,
    run: (ctx, input) => addConnection(ctx, input),
  }),
  update: defineUseCase({
    name: "update",
    summary: "Change a connection: only the fields given",
    input: z
      .object({
        connection: connectionRef,
        changes: updateConnectionSchema.describe(
          "any subset of the add fields; memberId: null clears the member id",
        ),
      })
      .strict(),
    invalid: updateInvalid,
    run: (ctx, input) => updateConnection(ctx, input.connection, input.changes),
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
