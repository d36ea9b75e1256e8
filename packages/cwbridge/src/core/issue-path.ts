/**
 * The `path` of an {@link AppIssue}: a zod-style path (keys and indexes) written the way a
 * reader of the input points at a place in it.
 */
import type { AppIssue } from "./app-error.js";

/**
 * Keys dotted, indexes in brackets; `""` for the input as a whole.
 *
 * @example
 * issuePath(["devices", 3, "serial"]) // "devices[3].serial"
 * issuePath([3, "name"]) // "[3].name"
 * issuePath([]) // ""
 */
export function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("")
    .replace(/^\./, "");
}

/**
 * Zod issues as {@link AppIssue}s (the message is zod's; values are never echoed).
 *
 * @example
 * zodAppIssues(result.error.issues) // [{ path: "labels.env", message: "Too big: ..." }]
 */
export function zodAppIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): AppIssue[] {
  return issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
}
