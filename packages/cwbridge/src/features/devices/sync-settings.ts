/**
 * Device-sync settings read from a connection's `settings_json`, and the approval key of
 * blocked deactivations.
 */

/** Default share of a company's active configurations a run may deactivate. */
export const DEFAULT_DEACTIVATION_THRESHOLD = 0.5;

/**
 * The sync settings of a connection (`massDeactivationThreshold`, default 0.5).
 *
 * @example
 * connectionSyncSettings('{"massDeactivationThreshold":0.2}') // { threshold: 0.2 }
 */
export function connectionSyncSettings(settingsJson: string): { threshold: number } {
  try {
    const value = (JSON.parse(settingsJson) as { massDeactivationThreshold?: unknown })
      .massDeactivationThreshold;
    if (typeof value === "number" && value >= 0 && value <= 1) return { threshold: value };
  } catch {
    // fall through to the default
  }
  return { threshold: DEFAULT_DEACTIVATION_THRESHOLD };
}

/**
 * The kv key of a human's approval of a partition's blocked deactivations (consumed by the
 * next sync).
 *
 * @example
 * approvedKey("src-1", 250) // "devices:approved:src-1:250"
 */
export function approvedKey(sourceId: string, companyId: number): string {
  return `devices:approved:${sourceId}:${companyId}`;
}
