/**
 * The ticket-target flags shared by `rules add` (a rule's target) and `connections alerts`
 * (the connection's defaults): `--type --subtype --item --priority --severity --impact`.
 */

/** The flags, as commander gives them. */
export interface RouteTargetFlags {
  readonly type?: string;
  readonly subtype?: string;
  readonly item?: string;
  readonly priority?: string;
  readonly severity?: string;
  readonly impact?: string;
}

/**
 * The route-target fields of the given flags (absent flags are left out).
 *
 * @example
 * routeTargetOf({ priority: "Priority 2 - High" }); // { priorityName: "Priority 2 - High" }
 */
export function routeTargetOf(flags: RouteTargetFlags): Record<string, string> {
  return definedOnly({
    typeName: flags.type,
    subTypeName: flags.subtype,
    itemName: flags.item,
    priorityName: flags.priority,
    severity: flags.severity,
    impact: flags.impact,
  });
}

/**
 * The entries whose value is not `undefined`.
 *
 * @example
 * definedOnly({ a: 1, b: undefined }); // { a: 1 }
 */
export function definedOnly<T>(record: Readonly<Record<string, T | undefined>>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, T] => entry[1] !== undefined),
  );
}
