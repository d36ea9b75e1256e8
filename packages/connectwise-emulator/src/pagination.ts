/**
 * `page` / `pageSize` / `pageId` and the `Link` header. pageSize defaults to 25; values above
 * 1,000 are clamped to 1,000 (ConnectWise does not document it; clamping is what clients
 * observe most); non-numeric or < 1 values are rejected with 400.
 */
import { badRequest } from "./errors.js";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export interface Paging {
  readonly page: number;
  readonly pageSize: number;
  /** Forward-only: rows with id > pageId. */
  readonly pageId: number | undefined;
  readonly forwardOnly: boolean;
}

function positiveInt(value: string | undefined, name: string, fallback: number, min = 1): number {
  if (value === undefined || value.trim() === "") return fallback;
  if (!/^\d+$/.test(value.trim())) throw badRequest(`${name} must be a positive integer.`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw badRequest(`${name} must be a positive integer.`);
  return n;
}

/**
 * Reads paging parameters.
 *
 * @example
 * readPaging({ page: "2", pageSize: "50" }, false); // => { page: 2, pageSize: 50, pageId: undefined, forwardOnly: false }
 */
export function readPaging(query: Readonly<Record<string, string>>, forwardOnly: boolean): Paging {
  const pageSize = Math.min(
    positiveInt(query["pageSize"], "pageSize", DEFAULT_PAGE_SIZE),
    MAX_PAGE_SIZE,
  );
  const page = forwardOnly ? 1 : positiveInt(query["page"], "page", 1);
  const pageId = forwardOnly ? positiveInt(query["pageId"], "pageId", 0, 0) : undefined;
  return { page, pageSize, pageId, forwardOnly };
}

function withParams(url: URL, params: Readonly<Record<string, string | undefined>>): string {
  const copy = new URL(url.href);
  for (const [name, value] of Object.entries(params)) {
    for (const key of [...copy.searchParams.keys()]) {
      if (key.toLowerCase() === name.toLowerCase()) copy.searchParams.delete(key);
    }
    if (value !== undefined) copy.searchParams.set(name, value);
  }
  return copy.href;
}

/** Navigable `Link` header: first/last always, prev/next when they exist. */
export function navigableLink(url: URL, paging: Paging, total: number): string {
  const last = Math.max(1, Math.ceil(total / paging.pageSize));
  const size = String(paging.pageSize);
  const link = (page: number, rel: string): string =>
    `<${withParams(url, { pageSize: size, page: String(page) })}>; rel="${rel}"`;
  const parts = [link(1, "first")];
  if (paging.page > 1) parts.push(link(Math.min(paging.page - 1, last), "prev"));
  if (paging.page < last) parts.push(link(paging.page + 1, "next"));
  parts.push(link(last, "last"));
  return parts.join(", ");
}

/** Forward-only `Link` header: next carries the last id of this page (first when empty). */
export function forwardLink(url: URL, paging: Paging, lastId: number | undefined): string {
  const size = String(paging.pageSize);
  if (lastId === undefined) {
    return `<${withParams(url, { pageSize: size, page: undefined, pageId: undefined })}>; rel="first"`;
  }
  return `<${withParams(url, { pageSize: size, page: undefined, pageId: String(lastId) })}>; rel="next"`;
}
