/**
 * String similarity for fuzzy name matching: Sørensen–Dice coefficient over character bigrams
 * of the names with spaces removed (robust to word order and small typos), 0..1.
 */

function bigrams(text: string): Map<string, number> {
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
  const x = bigrams(a);
  const y = bigrams(b);
  let sizeX = 0;
  let sizeY = 0;
  let shared = 0;
  for (const n of x.values()) sizeX += n;
  for (const [gram, n] of y) {
    sizeY += n;
    shared += Math.min(n, x.get(gram) ?? 0);
  }
  return sizeX + sizeY === 0 ? 0 : (2 * shared) / (sizeX + sizeY);
}
