/**
 * `cwbridge keys rotate [--keep-old]`: a new master key; every stored secret re-encrypted under
 * it in one transaction; old keys retired from the key file unless `--keep-old`.
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import type { CliSession } from "../session.js";

/**
 * Rotates the master key.
 *
 * @example
 * await keysRotate(session, {});
 */
export async function keysRotate(
  session: CliSession,
  options: { readonly keepOld?: boolean },
): Promise<CommandResult> {
  const engine = await session.engine();
  const report = await callUseCase(
    engine.ctx,
    engine.features.keys.useCases.rotate,
    options.keepOld === true ? { retireOld: false } : {},
  );
  const retired = report.retired.length === 0 ? "" : `; retired ${report.retired.join(", ")}`;
  return result({ rotation: report }, [
    `active key ${report.activeKeyId} (${report.source}); ${report.reencrypted} secret(s) re-encrypted${retired}`,
    report.source === "file"
      ? "back up the new key file now (losing it loses every stored ConnectWise key)"
      : "now drop the old keys from CWBRIDGE_MASTER_KEY",
  ]);
}
