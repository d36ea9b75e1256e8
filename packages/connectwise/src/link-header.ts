/**
 * RFC 8288 `Link` header parsing (ConnectWise paging: `first`, `prev`, `next`, `last`).
 * Linear-time: no nested quantifiers.
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
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const [, url = "", params = ""] = match;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const value = rel?.[1] ?? rel?.[2];
    if (!value) continue;
    for (const name of value.toLowerCase().split(/\s+/)) {
      if (name && !(name in links)) links[name] = url;
    }
  }
  return links;
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
