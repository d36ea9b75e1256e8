/**
 * Minimal case-insensitive globs for routing rules: `*` matches any run of characters, `?` one
 * character; everything else is literal. Greedy matcher in O(pattern × text) (no regular
 * expressions, so a hostile pattern cannot cause catastrophic backtracking).
 */

/**
 * Whether `text` matches `pattern` (whole string, case-insensitive).
 *
 * @example
 * globMatch("Disk*", "disk space low") // true
 */
export function globMatch(pattern: string, text: string): boolean {
  const p = [...pattern.toLowerCase()];
  const t = [...text.toLowerCase()];
  let pi = 0;
  let ti = 0;
  let star = -1;
  let resume = 0;
  while (ti < t.length) {
    if (pi < p.length && (p[pi] === "?" || (p[pi] !== "*" && p[pi] === t[ti]))) {
      pi++;
      ti++;
    } else if (pi < p.length && p[pi] === "*") {
      star = pi++;
      resume = ti;
    } else if (star !== -1) {
      pi = star + 1;
      ti = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}
