/**
 * Validation issues (zod's, or any `{ path, message }` list) as one readable line.
 */

/**
 * Zod issues as one readable line: `"[3].name: Too big…; [7].id: Required"`.
 *
 * @example
 * describeIssues(result.error.issues) // "[0].name: Invalid input: expected string, received number"
 */
export function describeIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
  limit = 20,
): string {
  const lines = issues.slice(0, limit).map((issue) => {
    const path = issue.path
      .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
      .join("")
      .replace(/^\./, "");
    return `${path === "" ? "input" : path}: ${issue.message}`;
  });
  const more = issues.length > limit ? `; … ${issues.length - limit} more` : "";
  return lines.join("; ") + more;
}
