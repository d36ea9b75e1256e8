/**
 * The CLI's exit codes (documented in docs/cli.md). Errors map to them by their kind, in ONE
 * table: `core/error-kinds.ts` (used by `CliError` and `error-mapping.ts`).
 *
 * | code | name | when |
 * | --- | --- | --- |
 * | 0 | ok | the command did what was asked |
 * | 1 | failure | unexpected failure (a bug, an I/O error, a failed job) |
 * | 2 | usage | bad flags or bad input (invalid file, unknown option, duplicate name); nothing changed |
 * | 3 | connectwise | ConnectWise refused or could not be reached: connection test failed, bad keys, missing permissions |
 * | 4 | not-found | a named connection, source, customer or company does not exist |
 * | 5 | blocked | refused on purpose: connection disabled, mass-deactivation guard, unmapped customer, in use |
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  connectwise: 3,
  notFound: 4,
  blocked: 5,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
