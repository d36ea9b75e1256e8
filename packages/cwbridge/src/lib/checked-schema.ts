/**
 * A zod schema whose input is first checked by a function that throws its own error: for a use
 * case whose feature reports bad input in its own words (every bad field listed, a policy
 * error …). The schema stays the published one (JSON Schema / OpenAPI see `schema`), and every
 * interface that validates with it throws exactly what the feature's function throws.
 */
import { z } from "zod";

/**
 * `schema`, with `check(raw)` run first on the raw input (it throws when the input is bad).
 *
 * @example
 * const input = checkedBy(addConnectionSchema, (raw) => void parseAddConnection(raw));
 */
export function checkedBy<S extends z.ZodType>(schema: S, check: (raw: unknown) => void) {
  return z.preprocess((raw: unknown) => {
    check(raw);
    return raw;
  }, schema);
}
