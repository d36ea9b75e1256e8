/**
 * String similarity for fuzzy name matching: Sørensen–Dice coefficient over character bigrams
 * of the names with spaces removed (robust to word order and small typos), 0..1.
 */

/**
 * The character bigrams of `text` with whitespace removed, with their counts.
 *
 * @example
 * bigrams("ab c") // Map { "ab" => 1, "bc" => 1 }
 */
export function bigrams(text: string): Map<string, number> {
  const compact = text.replace(/\s+/g, "");
  const counts = new Map<string, number>();
  for (let i = 0; i < compact.length - 1; i++) {
    const gram = compact.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/**
 * Dice similarity of two (already normalised) strings: 1 for equal, 0 for nothing in common.
 *
 * @example
 * diceSimilarity("initech", "initec") // ≈ 0.91
 */
export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return diceOfGrams(bigrams(a), bigrams(b));
}

/** Number of bigrams counted in `grams`. */
export function gramCount(grams: ReadonlyMap<string, number>): number {
  let size = 0;
  for (const n of grams.values()) size += n;
  return size;
}

/**
 * Dice similarity of two bigram multisets (from {@link bigrams}); {@link diceSimilarity} of their
 * strings when the strings differ.
 *
 * @example
 * diceOfGrams(bigrams("initech"), bigrams("initec")) // ≈ 0.91
 */
export function diceOfGrams(
  x: ReadonlyMap<string, number>,
  y: ReadonlyMap<string, number>,
): number {
  const size = gramCount(x) + gramCount(y);
  if (size === 0) return 0;
  let shared = 0;
  for (const [gram, n] of y) shared += Math.min(n, x.get(gram) ?? 0);
  return (2 * shared) / size;
}
