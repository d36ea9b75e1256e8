/**
 * `like` matching without regular expressions (no catastrophic backtracking on hostile
 * patterns): `*` and `%` match any run of characters, `[[]` is a literal `[`, comparison is
 * case-insensitive. Greedy leftmost matching of the literal parts is exact for `*`-only
 * wildcards and runs in O(text × parts) at worst.
 */

/** A compiled `like` pattern: the literal parts between wildcards (lower-cased). */
export type LikePattern = readonly string[];

/**
 * Compiles a `like` pattern.
 *
 * @example
 * matchLike(compileLike("jane@%"), "Jane@acme.example"); // => true
 */
export function compileLike(pattern: string): LikePattern {
  return pattern
    .replaceAll("[[]", "\u0000")
    .toLowerCase()
    .split(/[*%]/)
    .map((part) => part.replaceAll("\u0000", "["));
}

/** Whether `value` matches the compiled pattern (case-insensitive). */
export function matchLike(parts: LikePattern, value: string): boolean {
  const text = value.toLowerCase();
  const first = parts[0] ?? "";
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? "";
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i += 1) {
    const part = parts[i] ?? "";
    if (part === "") continue;
    const found = text.indexOf(part, position);
    if (found < 0 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}
