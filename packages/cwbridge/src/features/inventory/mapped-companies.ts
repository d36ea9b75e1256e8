/**
 * The ConnectWise companies a connection's customers are mapped to (the customers feature owns
 * the mappings: read through its index, never its tables).
 */
import type { AppContext } from "../../core/context.js";
import { listMappings } from "../customers/index.js";
import { listSources } from "../sources/index.js";

/**
 * The distinct company ids mapped on this connection (every source of it), ascending.
 *
 * @example
 * await mappedCompanyIds(ctx, connectionId); // [250, 251]
 */
export async function mappedCompanyIds(ctx: AppContext, connectionId: string): Promise<number[]> {
  const ids = new Set<number>();
  for (const source of await listSources(ctx)) {
    if (source.connectionId !== connectionId) continue;
    for (const mapping of await listMappings(ctx, source.id)) {
      if (mapping.connectionId === connectionId && mapping.companyId !== null) {
        ids.add(mapping.companyId);
      }
    }
  }
  return [...ids].sort((a, b) => a - b);
}
