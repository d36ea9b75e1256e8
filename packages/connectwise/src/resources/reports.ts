/**
 * `system.reports`: the ConnectWise reports the API member may read (`GET /system/reports`)
 * and one report run with conditions, page by page (`GET /system/reports/{reportName}`,
 * `…/columns`, `…/count`). ConnectWise answers a report as `column_definitions` (one
 * `{ <column>: { type, isNullable, identityColumn } }` object per column) and `row_values`
 * (arrays in column order); the facade turns that into named columns and row arrays, and
 * `pages()` streams it one page at a time.
 */
import { entityPath } from "../entities.js";
import { ConnectWisePaginationError } from "../errors.js";
import { parseLinkHeader } from "../link-header.js";
import type { Report } from "../schemas/reports.js";
import type { ConditionsInput, RequestOptions } from "../types.js";
import type { CallOptions, ResourceContext } from "./collection.js";
import { validatedRows } from "./collection.js";
import { ConnectWiseArgumentError } from "./errors.js";

/** One column of a report. */
export interface ReportColumn {
  readonly name: string;
  /** `Text`, `Numeric`, `DateTime`, `Boolean`, … as ConnectWise names it. */
  readonly type: string;
  readonly isNullable: boolean;
  readonly identityColumn: boolean;
}

/** One page of a report: its columns and the rows (values in column order). */
export interface ReportPage {
  readonly page: number;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Filters of a report run. */
export interface ReportQuery extends CallOptions {
  /** Over the report's column names, e.g. `Company_Name = "Acme" and Closed_Flag = false`. */
  readonly conditions?: ConditionsInput;
  /** Only these columns, in this order. */
  readonly columns?: readonly string[];
}

/** Options of one page. */
export interface ReportPageOptions extends ReportQuery {
  /** From 1. */
  readonly page?: number;
  /** 1..1000 (default 1000). */
  readonly pageSize?: number;
}

/** The `system.reports` facade. */
export interface ReportsResource {
  /** The reports the API member may read. */
  list(options?: CallOptions): Promise<Report[]>;
  /** A report's columns (`GET /system/reports/{name}/columns`). */
  columns(name: string, options?: CallOptions): Promise<ReportColumn[]>;
  /** Rows matching the conditions (`GET /system/reports/{name}/count`). */
  count(name: string, query?: ReportQuery): Promise<number>;
  /** One page of the report. */
  page(name: string, options?: ReportPageOptions): Promise<ReportPage>;
  /** The report's pages, fetched as you iterate (never more than one page in memory). */
  pages(name: string, options?: Omit<ReportPageOptions, "page">): AsyncGenerator<ReportPage>;
}

const MAX_PAGE_SIZE = 1000;

function reportPath(name: string | number, tail = ""): string {
  const text = typeof name === "number" && Number.isSafeInteger(name) ? String(name) : name;
  if (typeof text !== "string" || text.trim() === "" || text.length > 200) {
    throw new ConnectWiseArgumentError("a report name must be a non-empty string (≤ 200 chars)");
  }
  return `${entityPath("Report")}/${encodeURIComponent(text.trim())}${tail}`;
}

function pageSizeOf(value: number | undefined): number {
  const size = value ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ConnectWiseArgumentError(`pageSize must be an integer 1..${MAX_PAGE_SIZE}`);
  }
  return size;
}

function requestOptions(query: ReportQuery, extra: RequestOptions["query"] = {}): RequestOptions {
  const { signal, priority, conditions, columns } = query;
  return {
    query: {
      ...(conditions === undefined ? {} : { conditions }),
      ...(columns === undefined || columns.length === 0 ? {} : { columns: columns.join(",") }),
      ...extra,
    },
    ...(signal === undefined ? {} : { signal }),
    ...(priority === undefined ? {} : { priority }),
  };
}

function shapeError(path: string, what: string): ConnectWisePaginationError {
  return new ConnectWisePaginationError({ message: `GET ${path} did not return ${what}.` });
}

function definitionOf(name: string, raw: unknown): ReportColumn {
  const def = (raw ?? {}) as Record<string, unknown>;
  return {
    name,
    type: typeof def["type"] === "string" ? def["type"] : "Text",
    isNullable: def["isNullable"] !== false,
    identityColumn: def["identityColumn"] === true,
  };
}

/**
 * Column definitions in either shape ConnectWise uses: an array of one-key objects
 * (`[{ "Name": {…} }]`) or one object keyed by column name (`{ "Name": {…} }`).
 *
 * @example
 * reportColumns([{ Summary: { type: "Text", isNullable: false, identityColumn: false } }], "x");
 */
export function reportColumns(data: unknown, path: string): ReportColumn[] {
  if (Array.isArray(data)) {
    return data.flatMap((entry: unknown) => {
      if (entry === null || typeof entry !== "object") throw shapeError(path, "column definitions");
      return Object.entries(entry as Record<string, unknown>).map(([name, def]) =>
        definitionOf(name, def),
      );
    });
  }
  if (data !== null && typeof data === "object") {
    return Object.entries(data as Record<string, unknown>).map(([name, def]) =>
      definitionOf(name, def),
    );
  }
  throw shapeError(path, "column definitions");
}

/**
 * The `system.reports` facade.
 *
 * @example
 * for await (const page of reports.pages("Service", { conditions: "Closed_Flag = false" })) {
 *   for (const row of page.rows) console.log(row);
 * }
 */
export function createReportsResource(ctx: ResourceContext): ReportsResource {
  const { core } = ctx;
  const page = async (
    name: string,
    options: ReportPageOptions = {},
  ): Promise<ReportPage & { readonly hasNext: boolean | undefined }> => {
    const path = reportPath(name);
    const pageSize = pageSizeOf(options.pageSize);
    const number = options.page ?? 1;
    if (!Number.isInteger(number) || number < 1) {
      throw new ConnectWiseArgumentError("page must be an integer ≥ 1");
    }
    const response = await core.requestWithResponse<unknown>(
      "GET",
      path,
      requestOptions(options, { page: number, pageSize }),
    );
    const body = response.data as Record<string, unknown> | null;
    const rows = body?.["row_values"];
    if (body === null || typeof body !== "object" || !Array.isArray(rows)) {
      throw shapeError(path, "column_definitions and row_values");
    }
    if (!rows.every(Array.isArray)) throw shapeError(path, "row_values as arrays");
    const link = response.headers.get("link");
    return {
      page: number,
      columns: reportColumns(body["column_definitions"] ?? [], path),
      rows: rows as unknown[][],
      hasNext: link === null ? undefined : parseLinkHeader(link)["next"] !== undefined,
    };
  };
  return {
    async list(options = {}) {
      const data = await core.request<unknown>("GET", entityPath("Report"), {
        ...requestOptions(options),
        query: { pageSize: MAX_PAGE_SIZE },
      });
      if (!Array.isArray(data)) throw shapeError(entityPath("Report"), "an array");
      return validatedRows<Report>(ctx, "Report", data);
    },
    async columns(name, options = {}) {
      const path = reportPath(name, "/columns");
      const data = await core.request<unknown>("GET", path, requestOptions(options));
      return reportColumns(data, path);
    },
    async count(name, query = {}) {
      const path = reportPath(name, "/count");
      const data = await core.request<{ count?: unknown }>("GET", path, requestOptions(query));
      if (typeof data?.count !== "number") throw shapeError(path, "a count");
      return data.count;
    },
    async page(name, options) {
      const { hasNext: _hasNext, ...result } = await page(name, options);
      return result;
    },
    async *pages(name, options = {}) {
      const pageSize = pageSizeOf(options.pageSize);
      for (let number = 1; ; number += 1) {
        const { hasNext, ...result } = await page(name, { ...options, pageSize, page: number });
        yield result;
        // The Link header says whether there is a next page; without one, a short page ends it.
        if (hasNext === false || result.rows.length < pageSize) return;
      }
    },
  };
}
