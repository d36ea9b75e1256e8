/**
 * What one authenticated API request carries through the handlers.
 */
import type { AuthMember } from "./resource-def.js";
import type { EmulatorState } from "./state.js";

export interface ApiScope {
  readonly state: EmulatorState;
  readonly member: AuthMember;
  readonly requestId: string;
  /** The request URL rebased on the emulator's public origin (for `Link`). */
  readonly url: URL;
  /** Query parameters (form-decoded; known names normalised). */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Headers;
}
