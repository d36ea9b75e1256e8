/**
 * The list query of a GET list / count / tickets search: parameters (case-insensitive names,
 * form-decoded), the compiled filter (conditions, childConditions, customFieldConditions)
 * and sort keys. Bad input becomes a 400 `InvalidObject` with an `InvalidConditions` issue.
 */
import { ConditionsSyntaxError, parseConditions } from "@cwbridge/connectwise/conditions";
import { ConditionsFieldError, compileConditions, type Predicate } from "./conditions-eval.js";
import type { CwHttpError } from "./errors.js";
import { invalidObject, issue } from "./errors.js";
import { OrderByError, parseOrderBy, type SortKey } from "./order-by.js";
import { getField } from "./field-path.js";

/** Filter parameters as sent (query string or search body). */
export interface FilterParams {
  readonly conditions?: string;
  readonly childConditions?: string;
  readonly customFieldConditions?: string;
  readonly orderBy?: string;
}

const NAMES = [
  "conditions",
  "childConditions",
  "customFieldConditions",
  "orderBy",
  "fields",
  "page",
  "pageSize",
  "pageId",
];

/**
 * Reads the raw query string with form decoding (`+` is a space) into known parameter
 * names (matched case-insensitively); unknown parameters keep their spelling.
 *
 * @example
 * readQuery("?Conditions=name+like+%22a*%22"); // => { conditions: 'name like "a*"' }
 */
export function readQuery(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const known = NAMES.find((name) => name.toLowerCase() === key.toLowerCase());
    out[known ?? key] = value;
  }
  return out;
}

const CUSTOM_FIELD_KEYS = new Set([
  "id",
  "caption",
  "type",
  "entrymethod",
  "numberofdecimals",
  "value",
  "connectwiseid",
]);

function conditionsError(resource: string, field: string, error: unknown): CwHttpError {
  const message = error instanceof Error ? error.message : "Invalid conditions";
  return invalidObject(resource, [issue("InvalidConditions", resource, field, message)]);
}

function compileOne(
  text: string,
  field: string,
  context: { resource: string; isKnownField: (first: string) => boolean; fanOut?: boolean },
): Predicate {
  try {
    const expr = parseConditions(text);
    return compileConditions(expr, {
      isKnownField: context.isKnownField,
      fanOut: context.fanOut ?? false,
    });
  } catch (error) {
    if (error instanceof ConditionsSyntaxError || error instanceof ConditionsFieldError) {
      throw conditionsError(context.resource, field, error);
    }
    throw error;
  }
}

/** The combined filter of the three condition parameters (undefined when none). */
export function buildFilter(
  params: FilterParams,
  resource: string,
  isKnownField: (first: string) => boolean,
): Predicate | undefined {
  const parts: Predicate[] = [];
  if (params.conditions?.trim()) {
    parts.push(compileOne(params.conditions, "conditions", { resource, isKnownField }));
  }
  if (params.childConditions?.trim()) {
    parts.push(
      compileOne(params.childConditions, "childConditions", {
        resource,
        isKnownField,
        fanOut: true,
      }),
    );
  }
  if (params.customFieldConditions?.trim()) {
    const each = compileOne(params.customFieldConditions, "customFieldConditions", {
      resource,
      isKnownField: (first) => CUSTOM_FIELD_KEYS.has(first.toLowerCase()),
    });
    parts.push((row) => {
      const list = getField(row, "customFields");
      return Array.isArray(list) && list.some(each);
    });
  }
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return (row) => parts.every((part) => part(row));
}

/** Parsed sort keys, with ConnectWise-shaped errors. */
export function buildSort(
  orderBy: string | undefined,
  resource: string,
  isKnownField: (first: string) => boolean,
): SortKey[] {
  if (!orderBy?.trim()) return [];
  try {
    return parseOrderBy(orderBy, isKnownField);
  } catch (error) {
    if (error instanceof OrderByError) {
      throw invalidObject(resource, [issue("InvalidOrderBy", resource, "orderBy", error.message)]);
    }
    throw error;
  }
}
