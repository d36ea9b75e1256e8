/**
 * POST (201 + object), PUT (200, full replace), PATCH (200, JSON-patch array) and DELETE (204)
 * of a resource: validation by field rules, resource hooks, `_info` stamps, ledger, callbacks.
 */
import type { ApiScope } from "./api-scope.js";
import { recordChange, stampInfo, writeContext } from "./change-recorder.js";
import { badRequest, invalidObject, type ValidationIssue } from "./errors.js";
import { bodyValue } from "./hooks/hook-utils.js";
import { applyPatch } from "./json-patch.js";
import { presentRows } from "./presenter.js";
import { findRow, requireParent } from "./read-handler.js";
import { referenceTo } from "./references.js";
import type { ResourceDef } from "./resource-def.js";
import type { Reply } from "./responses.js";
import type { Entity } from "./types.js";
import { buildDraft } from "./validate.js";

function requireObject(def: ResourceDef, body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest(`The request body must be a ${def.resource} JSON object.`);
  }
  return body as Record<string, unknown>;
}

function linkParent(
  scope: ApiScope,
  def: ResourceDef,
  draft: Record<string, unknown>,
  parentId: number | undefined,
): void {
  if (!def.parent || parentId === undefined) return;
  const parent = scope.state.store.get(def.parent.table, parentId);
  if (!parent) return;
  draft[def.parent.field] =
    def.parent.style === "ref" ? referenceTo(def.parent.table, parent) : parentId;
}

interface DraftInput {
  readonly raw: Readonly<Record<string, unknown>>;
  readonly previous: Entity | undefined;
  readonly parentId: number | undefined;
}

function prepareDraft(
  scope: ApiScope,
  def: ResourceDef,
  input: DraftInput,
): Record<string, unknown> {
  const { previous, parentId } = input;
  const issues: ValidationIssue[] = [];
  const draft = buildDraft(
    { def, store: scope.state.store, issues, previous, member: scope.member },
    input.raw,
    previous ? "update" : "create",
  );
  if (previous) {
    for (const rule of def.fields) {
      if (rule.readOnly && previous[rule.name] !== undefined)
        draft[rule.name] = previous[rule.name];
    }
  }
  linkParent(scope, def, draft, parentId);
  def.hooks?.prepare?.(writeContext(scope, parentId), draft, previous, issues, input.raw);
  if (issues.length > 0) throw invalidObject(def.resource, issues);
  draft["_info"] = stampInfo(
    previous?.["_info"],
    writeContext(scope, parentId).now,
    scope.member.identifier,
  );
  return draft;
}

function present(scope: ApiScope, def: ResourceDef, row: Entity, status: number): Reply {
  const [body] = presentRows(scope, def, [row]);
  return { status, body, rows: 1 };
}

/**
 * POST: creates a record.
 *
 * @example
 * createReply(scope, ticketDef, undefined, { summary: "Disk full", company: { id: 2 } }); // 201
 */
export function createReply(
  scope: ApiScope,
  def: ResourceDef,
  parentId: number | undefined,
  body: unknown,
): Reply {
  requireParent(scope, def, parentId);
  const raw = requireObject(def, body);
  const draft = prepareDraft(scope, def, { raw, previous: undefined, parentId });
  const entity = scope.state.store.insert(def.table, draft);
  recordChange(scope, {
    table: def.table,
    op: "create",
    after: entity,
    skipCallback: bodyValue(raw, "skipCallback") === true,
  });
  def.hooks?.afterCreate?.(writeContext(scope, parentId), entity, raw);
  return present(scope, def, entity, 201);
}

function commitUpdate(
  scope: ApiScope,
  def: ResourceDef,
  input: DraftInput & { previous: Entity; skipCallback: boolean },
): Reply {
  const draft = prepareDraft(scope, def, input);
  const updated = { id: input.previous.id, ...draft } as Entity;
  scope.state.store.replace(def.table, updated);
  recordChange(scope, {
    table: def.table,
    op: "update",
    before: input.previous,
    after: updated,
    skipCallback: input.skipCallback,
  });
  return present(scope, def, updated, 200);
}

/** PUT: replaces a record (required fields again; omitted fields reset). */
export function replaceReply(
  scope: ApiScope,
  def: ResourceDef,
  target: { parentId: number | undefined; id: number | string },
  body: unknown,
): Reply {
  const previous = findRow(scope, def, target.parentId, target.id);
  const raw = requireObject(def, body);
  return commitUpdate(scope, def, {
    raw,
    previous,
    parentId: target.parentId,
    skipCallback: bodyValue(raw, "skipCallback") === true,
  });
}

function patchSkipsCallback(operations: unknown): boolean {
  return (
    Array.isArray(operations) &&
    operations.some((o: unknown) => {
      const op = o as { path?: unknown; value?: unknown } | null;
      return (
        typeof op?.path === "string" &&
        op.path.replace(/^\//, "") === "skipCallback" &&
        op.value === true
      );
    })
  );
}

/** PATCH: applies JSON-patch operations to the record's body view. */
export function patchReply(
  scope: ApiScope,
  def: ResourceDef,
  target: { parentId: number | undefined; id: number | string },
  body: unknown,
): Reply {
  const previous = findRow(scope, def, target.parentId, target.id);
  const { id: _id, _info: _ignored, ...view } = previous;
  const raw = applyPatch(def, view, body);
  return commitUpdate(scope, def, {
    raw,
    previous,
    parentId: target.parentId,
    skipCallback: patchSkipsCallback(body),
  });
}

/** DELETE: removes a record (204). */
export function deleteReply(
  scope: ApiScope,
  def: ResourceDef,
  target: { parentId: number | undefined; id: number | string },
): Reply {
  const previous = findRow(scope, def, target.parentId, target.id);
  scope.state.store.remove(def.table, previous.id);
  recordChange(scope, { table: def.table, op: "delete", before: previous });
  return { status: 204 };
}
