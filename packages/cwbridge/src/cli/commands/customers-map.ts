/**
 * `cwbridge customers map --source s --customer id --company id|identifier|name [--site name|id]`:
 * a manual override (verified against ConnectWise); it wins over every re-match.
 */
import { callUseCase } from "../../core/use-case.js";
import type { MapTarget } from "../../features/customers/index.js";
import { result, type CommandResult } from "../command-result.js";
import { resolveSource } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `customers map`. */
export interface CustomersMapOptions {
  readonly source: string;
  readonly customer: string;
  readonly company: string;
  readonly site?: string;
}

/**
 * Maps a customer by hand.
 *
 * @example
 * await customersMap(session, { source: "rmm", customer: "org-7", company: "Globex", site: "Main" });
 */
export async function customersMap(
  session: CliSession,
  options: CustomersMapOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const source = await resolveSource(engine.ctx, options.source);
  const mapping = await callUseCase(engine.ctx, engine.features.customers.useCases.map, {
    sourceId: source.id,
    customerId: options.customer,
    target: toTarget(options),
  });
  const site = mapping.siteId === null ? "" : `, site ${mapping.siteId}`;
  return result({ source: source.name, mapping }, [
    `mapped customer ${mapping.customerId} → company ${mapping.companyId ?? "-"}${site} (manual override)`,
  ]);
}

/**
 * Numbers are ids; anything else is a company identifier or, when no company has it, the
 * company's exact name (an ambiguous name is refused with the candidates); a site's name.
 *
 * @example
 * toTarget({ company: "250", site: "Main" }) // { companyId: 250, siteName: "Main" }
 * toTarget({ company: "Globex, Inc." }) // { company: "Globex, Inc." }
 */
export function toTarget(options: Pick<CustomersMapOptions, "company" | "site">): MapTarget {
  const numeric = (v: string): boolean => /^\d+$/.test(v.trim());
  const company = numeric(options.company)
    ? { companyId: Number(options.company) }
    : { company: options.company };
  if (options.site === undefined) return company;
  return numeric(options.site)
    ? { ...company, siteId: Number(options.site) }
    : { ...company, siteName: options.site };
}
