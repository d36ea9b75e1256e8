/**
 * Commander parser for repeatable options (`--type A --type B`).
 */

/**
 * Appends a value to the list so far.
 *
 * @example
 * program.option("--type <name>", "repeatable", collect); // --type A --type B → ["A", "B"]
 */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
