/**
 * ConnectWise's PATCH: a JSON array of `{op, path, value}` with `op` ∈ add|replace|remove and
 * `path` a top-level field name (case-sensitive, optional leading `/`), or a reference field's
 * key (`/status/id`, `board/name`, `company/identifier`) as community modules write it.
 * Reference fields are replaced whole. Anything else is a 400 `InvalidObject`.
 */
import { invalidObject, issue, type CwHttpError } from "./errors.js";
import type { ResourceDef } from "./resource-def.js";

const OPS = new Set(["add", "replace", "remove"]);
const REF_KEYS = new Set(["id", "name", "identifier"]);

function fail(def: ResourceDef, field: string, message: string): CwHttpError {
  return invalidObject(def.resource, [issue("InvalidField", def.resource, field, message)]);
}

function applyOne(def: ResourceDef, target: Record<string, unknown>, raw: unknown): void {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw fail(def, "op", "Each patch operation must be an object with op, path and value.");
  }
  const { op, path, value } = raw as { op?: unknown; path?: unknown; value?: unknown };
  const opName = typeof op === "string" ? op.toLowerCase() : "";
  if (!OPS.has(opName))
    throw fail(def, "op", `Patch op must be add, replace or remove (got ${JSON.stringify(op)}).`);
  if (typeof path !== "string") throw fail(def, "path", "Patch path must be a string.");
  const [name = "", key, ...rest] = path.replace(/^\//, "").split("/");
  const rule = def.fields.find((field) => field.name === name);
  const isRef = rule?.kind === "ref";
  if (!rule || rest.length > 0 || (key !== undefined && (!isRef || !REF_KEYS.has(key)))) {
    throw fail(
      def,
      name,
      `Cannot patch '${path}': not a top-level field of ${def.resource} or a reference's id, name or identifier (paths are case-sensitive).`,
    );
  }
  if (key !== undefined && opName !== "remove") {
    if (!Object.hasOwn(raw, "value"))
      throw fail(def, name, `Patch op ${opName} on '${path}' needs a value.`);
    target[name] = { [key]: value };
    return;
  }
  if (opName === "remove") {
    target[name] = null;
    return;
  }
  if (!Object.hasOwn(raw, "value"))
    throw fail(def, name, `Patch op ${opName} on '${path}' needs a value.`);
  target[name] = value;
}

/**
 * Applies patch operations to a body view of an entity (a new object is returned).
 *
 * @example
 * applyPatch(ticketDef, { summary: "a" }, [{ op: "replace", path: "summary", value: "b" }]);
 */
export function applyPatch(
  def: ResourceDef,
  view: Readonly<Record<string, unknown>>,
  operations: unknown,
): Record<string, unknown> {
  if (!Array.isArray(operations)) {
    throw fail(def, "body", "The PATCH body must be a JSON array of operations.");
  }
  const target = { ...view };
  for (const operation of operations) applyOne(def, target, operation);
  return target;
}
