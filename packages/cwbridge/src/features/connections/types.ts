/**
 * Connections as the application sees them. A `Connection` NEVER carries the private key or
 * the clientId: they are write-only (stored encrypted, shown only as "set").
 */

/** Ticket severity / impact levels. */
export type TicketLevel = "Low" | "Medium" | "High";

/** Per-connection settings (all optional; see {@link resolveSettings} for defaults). */
export interface ConnectionSettings {
  /** Enabled features (permission manifest names); default: the core features. */
  readonly features?: readonly string[];
  readonly defaultBoardId?: number;
  readonly defaultBoardName?: string;
  readonly severity?: TicketLevel;
  readonly impact?: TicketLevel;
  /** Closed status name used when closing tickets (per board lookup by name). */
  readonly closeStatusName?: string;
  /** Share (0..1) of a company's configurations a sync may deactivate before it stops. */
  readonly massDeactivationThreshold?: number;
  /** Client throttle: concurrent requests to this connection. */
  readonly maxConcurrent?: number;
  /** Client throttle: sustained requests per second. */
  readonly ratePerSecond?: number;
}

/** A connection (no secrets). */
export interface Connection {
  readonly id: string;
  readonly name: string;
  /** Cloud region (`na`, `eu`, …) or an on-prem origin URL. */
  readonly site: string;
  readonly companyId: string;
  /** Last 4 characters of the public key, e.g. `…0001`. */
  readonly publicKeyHint: string;
  /** Always true: a connection cannot exist without its private key (which is never returned). */
  readonly hasPrivateKey: true;
  /** Always true: the clientId is stored encrypted and never returned. */
  readonly hasClientId: true;
  readonly memberId: string | null;
  readonly apiVersion: string;
  /** Discovered codebase (`v2025_1/`), cached; null until the first call. */
  readonly codebase: string | null;
  readonly allowOnPrem: boolean;
  readonly allowInsecure: boolean;
  /** While false, nothing is written to ConnectWise. */
  readonly enabled: boolean;
  readonly settings: ConnectionSettings;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Settings with defaults applied. */
export interface ResolvedSettings extends ConnectionSettings {
  readonly severity: TicketLevel;
  readonly impact: TicketLevel;
  readonly massDeactivationThreshold: number;
}

/**
 * Settings with defaults (severity/impact Medium, mass-deactivation threshold 0.5).
 *
 * @example
 * resolveSettings({}).severity; // "Medium"
 */
export function resolveSettings(settings: ConnectionSettings): ResolvedSettings {
  return {
    ...settings,
    severity: settings.severity ?? "Medium",
    impact: settings.impact ?? "Medium",
    massDeactivationThreshold: settings.massDeactivationThreshold ?? 0.5,
  };
}
