/**
 * Company-name normalisation for matching: case, diacritics, punctuation, whitespace, `&`,
 * a leading "the" and trailing legal suffixes ("Inc.", "GmbH", "Pty Ltd", …).
 */

/** Legal-form tokens stripped from the end of a name (after punctuation removal). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  "inc",
  "incorporated",
  "llc",
  "ltd",
  "limited",
  "corp",
  "corporation",
  "co",
  "company",
  "gmbh",
  "mbh",
  "ag",
  "sa",
  "sas",
  "sarl",
  "bv",
  "nv",
  "plc",
  "pty",
  "srl",
  "spa",
  "oy",
  "ab",
  "as",
  "asa",
  "aps",
  "kg",
  "ohg",
  "ug",
  "llp",
  "lp",
  "pc",
  "pllc",
  "lllp",
  "sl",
  "se",
  "kft",
  "sro",
  "spzoo",
  "zoo",
  "sp",
  "gbr",
  "ev",
  "kk",
  "bhd",
  "sdn",
  "pte",
  "cv",
  "sca",
  "scs",
]);

/** Letters that NFKD does not decompose. */
const FOLD: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  œ: "oe",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
};

/**
 * Folds case, diacritics and punctuation; `&` becomes "and"; dots, apostrophes and a
 * slash between single letters vanish ("L.L.C." → "llc", "O'Neil" → "oneil", "A/S" → "as"); other punctuation becomes a space.
 *
 * @example
 * foldName("  Müller & Söhne, L.L.C. ") // "muller and sohne llc"
 */
export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæøœđðłþı]/g, (c) => FOLD[c] ?? c)
    .replace(/&/g, " and ")
    .replace(/(?<![\p{L}\p{N}])(\p{L})\/(\p{L})(?![\p{L}\p{N}])/gu, "$1$2")
    .replace(/[.'’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The matching form of a company name: {@link foldName}, then leading "the"s and trailing legal
 * suffixes (and a dangling "and", as in "Smith & Co") removed, unless nothing would be left.
 * Idempotent: `normaliseName(normaliseName(x)) === normaliseName(x)`.
 *
 * @example
 * normaliseName("ACME Corporation") // "acme"
 * normaliseName("Globex, Inc.")     // "globex"
 * normaliseName("Müller GmbH")      // "muller"
 */
export function normaliseName(name: string): string {
  const tokens = foldName(name)
    .split(" ")
    .filter((t) => t !== "");
  let end = tokens.length;
  while (end > 0 && (LEGAL_SUFFIXES.has(tokens[end - 1]!) || tokens[end - 1] === "and")) end--;
  let start = 0;
  while (start < end && tokens[start] === "the") start++;
  const core = tokens.slice(start, Math.max(start, end));
  return (core.length > 0 ? core : tokens).join(" ");
}

/**
 * The matching form of a web domain or URL: host only, lowercase, no `www.`.
 *
 * @example
 * normaliseDomain("https://www.Acme.com/contact") // "acme.com"
 */
export function normaliseDomain(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^[^@/]*@/, "")
    .replace(/[/?#:].*$/, "")
    .replace(/^www\./, "")
    .replace(/\.$/, "");
}
