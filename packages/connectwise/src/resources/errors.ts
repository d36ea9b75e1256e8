/** Typed errors of the resource facades (bad arguments, detected before any request). */

/** A facade was called with an argument that cannot form a valid request (e.g. a bad id). */
export class ConnectWiseArgumentError extends TypeError {
  readonly code = "CW_INVALID_ARGUMENT" as const;

  constructor(message: string) {
    super(message);
    this.name = "ConnectWiseArgumentError";
  }
}
