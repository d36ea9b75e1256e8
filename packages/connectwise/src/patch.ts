/**
 * PATCH helpers. A ConnectWise PATCH body is a JSON array of operations on top-level
 * fields: `[{"op":"replace","path":"summary","value":"New text"}]`.
 *
 * Rules these helpers follow (see reference §5):
 * - Only top-level paths (`status`, never `status/id`: a nested path may return a misleading 200).
 * - Setting a field uses `replace`, also when the field was absent or null before: ConnectWise
 *   uses `replace` for setting fields, so `add` is never produced.
 * - Clearing a field (null/undefined in `after`, a value in `before`) is `replace` with `null`,
 *   not `remove`: `remove` is not used for entity fields in ConnectWise's own examples.
 * - Reference objects (`{id, ...}`) are compared by `id` only and replaced whole as `{id}`.
 * - `customFields` is replaced as the complete array (entries merged by `id`) when any entry changed.
 * - `id` and `_info` are read-only and never patched.
 */

/** The operations ConnectWise accepts in a PATCH body. */
export type PatchOp = "add" | "replace" | "remove";

/** One JSON-patch operation; `path` is a top-level field name (case-sensitive). */
export interface PatchOperation {
  readonly op: PatchOp;
  readonly path: string;
  readonly value?: unknown;
}

/** Options of {@link diffPatch}. */
export interface DiffPatchOptions {
  /** More top-level fields to leave out (besides `id` and `_info`). */
  readonly ignore?: readonly string[];
}

type Fields = Readonly<Record<string, unknown>>;
type Reference = Readonly<{ id: number | string }>;

const READ_ONLY_FIELDS: readonly string[] = ["id", "_info"];

/**
 * The operations that turn `before` into `after`, one `replace` per changed top-level field.
 * Only keys present in `after` are compared: a key absent from `after` is left alone (set it to
 * `null` to clear the field), so `after` may be a partial object.
 *
 * @example
 * diffPatch({ id: 1, summary: "a", status: { id: 5, name: "New" } }, { summary: "b", status: { id: 19 } });
 * // => [{ op: "replace", path: "summary", value: "b" }, { op: "replace", path: "status", value: { id: 19 } }]
 */
export function diffPatch(
  before: object,
  after: object,
  options: DiffPatchOptions = {},
): PatchOperation[] {
  const ignored = new Set([...READ_ONLY_FIELDS, ...(options.ignore ?? [])]);
  const previous = before as Fields;
  const ops: PatchOperation[] = [];
  for (const [path, next] of Object.entries(after as Fields)) {
    if (ignored.has(path)) continue;
    const op = diffField(path, previous[path], next);
    if (op !== undefined) ops.push(op);
  }
  return ops;
}

/**
 * One `replace` per key of `partial` (keys with `undefined` values, `id` and `_info` are
 * skipped; reference objects are reduced to `{id}`).
 *
 * @example
 * replaceOps({ summary: "Disk full", status: { id: 19, name: "Closed" } });
 * // => [{ op: "replace", path: "summary", value: "Disk full" }, { op: "replace", path: "status", value: { id: 19 } }]
 */
export function replaceOps(partial: object): PatchOperation[] {
  return Object.entries(partial as Fields)
    .filter(([path, value]) => value !== undefined && !READ_ONLY_FIELDS.includes(path))
    .map(([path, value]) => replace(path, isReference(value) ? { id: value.id } : value));
}

/**
 * Whether a PATCH consists only of `replace` operations, which makes it idempotent and safe
 * to retry. An empty list is trivially idempotent.
 *
 * @example
 * isReplaceOnly([{ op: "replace", path: "summary", value: "x" }]); // => true
 * isReplaceOnly([{ op: "add", path: "tags", value: ["x"] }]); // => false
 */
export function isReplaceOnly(ops: readonly PatchOperation[]): boolean {
  return ops.every((operation) => operation.op === "replace");
}

function replace(path: string, value: unknown): PatchOperation {
  return { op: "replace", path, value };
}

function diffField(path: string, previous: unknown, next: unknown): PatchOperation | undefined {
  if (next === null || next === undefined) {
    return previous === null || previous === undefined ? undefined : replace(path, null);
  }
  if (path === "customFields" && Array.isArray(next)) return diffCustomFields(previous, next);
  if (isReference(next)) {
    return isReference(previous) && previous.id === next.id
      ? undefined
      : replace(path, { id: next.id });
  }
  return deepEqual(previous, next) ? undefined : replace(path, next);
}

function diffCustomFields(previous: unknown, next: readonly unknown[]): PatchOperation | undefined {
  const current = Array.isArray(previous) ? (previous as readonly unknown[]) : [];
  if (!next.every(isReference) || !current.every(isReference)) {
    return deepEqual(current, next) ? undefined : replace("customFields", next);
  }
  const merged = current.map((entry) => {
    const update = next.find((candidate) => candidate.id === entry.id);
    return update === undefined ? entry : { ...entry, ...update };
  });
  const added = next.filter((entry) => !current.some((existing) => existing.id === entry.id));
  const complete = [...merged, ...added];
  return deepEqual(current, complete) ? undefined : replace("customFields", complete);
}

function isPlainObject(value: unknown): value is Fields {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

function isReference(value: unknown): value is Reference {
  return isPlainObject(value) && (typeof value.id === "number" || typeof value.id === "string");
}

/** JSON equality: keys with `undefined` values count as absent; Dates compare by time. */
function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (left instanceof Date || right instanceof Date) {
    return left instanceof Date && right instanceof Date && left.getTime() === right.getTime();
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item: unknown, index) => deepEqual(item, right[index]));
  }
  if (!isPlainObject(left) || !isPlainObject(right))
    return Number.isNaN(left) && Number.isNaN(right);
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => deepEqual(left[key], right[key]));
}
