/** `configurations`: devices (`/company/configurations`) and their types and statuses. */
import { entityPath } from "../entities.js";
import type {
  Configuration,
  ConfigurationCreate,
  ConfigurationStatus,
  ConfigurationStatusCreate,
  ConfigurationType,
  ConfigurationTypeCreate,
} from "../schemas/configurations.js";
import { collection, pick, type Collection, type ResourceContext } from "./collection.js";

/** The `configurations` facade. */
export interface ConfigurationsResource extends Pick<
  Collection<Configuration, ConfigurationCreate>,
  "list" | "iterate" | "all" | "get" | "count" | "create" | "update" | "patch" | "delete"
> {
  readonly types: Pick<
    Collection<ConfigurationType, ConfigurationTypeCreate>,
    "list" | "all" | "get" | "count" | "create" | "patch"
  >;
  readonly statuses: Pick<
    Collection<ConfigurationStatus, ConfigurationStatusCreate>,
    "list" | "all" | "get" | "count" | "create" | "patch"
  >;
}

/**
 * The `configurations` facade.
 *
 * @example
 * const device = await configurations.create({ name: "ACME-WS-042", type: { id: 12 }, company: { id: 250 } });
 */
export function createConfigurationsResource(ctx: ResourceContext): ConfigurationsResource {
  return {
    ...collection<Configuration, ConfigurationCreate>(
      ctx,
      entityPath("CompanyConfiguration"),
      "CompanyConfiguration",
    ),
    types: pick(
      collection<ConfigurationType, ConfigurationTypeCreate>(
        ctx,
        entityPath("ConfigurationType"),
        "ConfigurationType",
      ),
      ["list", "all", "get", "count", "create", "patch"],
    ),
    statuses: pick(
      collection<ConfigurationStatus, ConfigurationStatusCreate>(
        ctx,
        entityPath("ConfigurationStatus"),
        "ConfigurationStatus",
      ),
      ["list", "all", "get", "count", "create", "patch"],
    ),
  };
}
