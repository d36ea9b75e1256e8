/**
 * What a command returns: the data (printed as THE JSON document with `--json`) and its
 * human rendering. A command that fails throws instead (see `error-mapping.ts`).
 */

/** A finished command. */
export interface CommandResult {
  /** The JSON document printed on stdout with `--json`. */
  readonly data: unknown;
  /** The lines printed on stdout for humans. */
  readonly human: readonly string[];
  /** The command already streamed its records (`events --follow`): print nothing more. */
  readonly streamed?: true;
}

/**
 * The result of a command that streamed its output line by line.
 *
 * @example
 * return streamed();
 */
export function streamed(): CommandResult {
  return { data: null, human: [], streamed: true };
}

/**
 * Builds a result.
 *
 * @example
 * return result({ connection }, [`added connection ${connection.name} (disabled)`]);
 */
export function result(data: unknown, human: readonly string[]): CommandResult {
  return { data, human };
}
