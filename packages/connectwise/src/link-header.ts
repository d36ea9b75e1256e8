/**
 * RFC 8288 `Link` header parsing (ConnectWise paging: `first`, `prev`, `next`, `last`).
 * Linear-time (indexOf/split only), so a hostile header cannot stall the client.
 */

/**
 * A map from each `rel` value to its URL.
 *
 * @example
 * parseLinkHeader('<https://h/x?page=2>; rel="next", <https://h/x?page=9>; rel="last"');
 * // { next: "https://h/x?page=2", last: "https://h/x?page=9" }
 */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  let cursor = 0;
  while (header) {
    const open = header.indexOf("<", cursor);
    const close = open < 0 ? -1 : header.indexOf(">", open + 1);
    if (close < 0) break;
    const nextOpen = header.indexOf("<", close + 1);
    const params = header.slice(close + 1, nextOpen < 0 ? undefined : nextOpen);
    for (const rel of relValues(params)) {
      if (!(rel in links)) links[rel] = header.slice(open + 1, close);
    }
    if (nextOpen < 0) break;
    cursor = nextOpen;
  }
  return links;
}

/** The space-separated values of the `rel` parameter in `; rel="next last"` (no regex). */
function relValues(params: string): string[] {
  for (const part of params.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== "rel") continue;
    const value = part.slice(eq + 1).split(",")[0] ?? "";
    return value
      .trim()
      .replaceAll('"', "")
      .toLowerCase()
      .split(" ")
      .filter((name) => name !== "");
  }
  return [];
}

/**
 * The query parameters of the `rel="next"` link, or `undefined` when there is no next page.
 *
 * @example
 * nextLinkParams('<https://h/x?page=2&pageSize=50>; rel="next"')?.get("page"); // "2"
 */
export function nextLinkParams(header: string | null | undefined): URLSearchParams | undefined {
  const next = parseLinkHeader(header).next;
  if (next === undefined) return undefined;
  try {
    return new URL(next, "http://link.invalid").searchParams;
  } catch {
    return undefined;
  }
}
