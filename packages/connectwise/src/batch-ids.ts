/**
 * Id batching: split a long id list into `id in (…)` conditions that each keep the request
 * URL under ConnectWise's ~2,000-character guidance, and run them.
 */
import { printConditions } from "./conditions/index.js";
import { ConnectWiseConfigError } from "./errors.js";
import { collect } from "./paginate.js";
import type { CollectOptions, ConditionsInput, ConnectWiseCore } from "./types.js";

/** Options of `batchIdConditions`. */
export interface BatchIdOptions {
  /** Field compared with the ids; default `id`. */
  readonly field?: string;
  /** Whole-URL limit; default 2000. */
  readonly maxUrlLength?: number;
  /** Length of the URL without the conditions parameter (origin, path, other query); default 400. */
  readonly baseUrlLength?: number;
}

/** Length of a value once form-encoded in a query string. */
function encodedLength(text: string): number {
  return new URLSearchParams({ x: text }).toString().length - 2;
}

/**
 * `field in (…)` conditions covering every id once, each short enough for the URL limit.
 *
 * @example
 * batchIdConditions([1, 2, 3]); // ["id in (1,2,3)"]
 * batchIdConditions(ids, { field: "company/id", baseUrlLength: 120 });
 */
export function batchIdConditions(ids: readonly number[], options: BatchIdOptions = {}): string[] {
  const field = options.field ?? "id";
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(field)) {
    throw new ConnectWiseConfigError(`batchIdConditions: invalid field ${JSON.stringify(field)}.`);
  }
  const unique = [...new Set(ids)];
  for (const id of unique) {
    if (!Number.isSafeInteger(id))
      throw new ConnectWiseConfigError(`batchIdConditions: ids must be integers (got ${id}).`);
  }
  const budget =
    (options.maxUrlLength ?? 2000) - (options.baseUrlLength ?? 400) - "&conditions=".length;
  const fixed = encodedLength(`${field} in (`) + encodedLength(")");
  const comma = encodedLength(",");
  const batches: string[] = [];
  let current: number[] = [];
  let length = fixed;
  for (const id of unique) {
    const cost = encodedLength(String(id)) + (current.length > 0 ? comma : 0);
    if (length + cost > budget && current.length > 0) {
      batches.push(`${field} in (${current.join(",")})`);
      current = [];
      length = fixed;
    }
    const own = encodedLength(String(id));
    if (fixed + own > budget)
      throw new ConnectWiseConfigError(
        "batchIdConditions: maxUrlLength leaves no room for one id.",
      );
    length += current.length > 0 ? comma + own : own;
    current.push(id);
  }
  if (current.length > 0) batches.push(`${field} in (${current.join(",")})`);
  return batches;
}

/**
 * The rows whose `field` is one of `ids`, fetched in URL-safe batches (one after the other);
 * `conditions` is ANDed with each batch.
 *
 * @example
 * const companies = await collectByIds(core, "/company/companies", [250, 251, 900], { fields: ["id", "name"] });
 */
export async function collectByIds<T = unknown, R = T>(
  core: Pick<ConnectWiseCore, "requestWithResponse">,
  path: string,
  ids: readonly number[],
  options: CollectOptions<T, R> & BatchIdOptions = {},
): Promise<R[]> {
  const { field, maxUrlLength, baseUrlLength, conditions, limit, ...rest } = options;
  const extra = conditions === undefined ? undefined : printInput(conditions);
  const prefix = extra === undefined ? "" : `(${extra}) and `;
  const batches = batchIdConditions(ids, {
    ...(field === undefined ? {} : { field }),
    ...(maxUrlLength === undefined ? {} : { maxUrlLength }),
    baseUrlLength: (baseUrlLength ?? 400) + encodedLength(prefix),
  });
  const rows: R[] = [];
  for (const batch of batches) {
    const remaining = limit === undefined ? undefined : limit - rows.length;
    if (remaining !== undefined && remaining <= 0) break;
    const page = await collect<T, R>(core, path, {
      ...rest,
      conditions: `${prefix}${batch}`,
      ...(remaining === undefined ? {} : { limit: remaining }),
    });
    rows.push(...page);
  }
  return rows;
}

function printInput(conditions: ConditionsInput): string {
  return typeof conditions === "string" ? conditions : printConditions(conditions);
}
