/** `createResources(core, options?)`: every resource facade over one kernel. */
import type { ConnectWiseCore } from "../types.js";
import type { ResourceContext } from "./collection.js";
import { createCompaniesResource, type CompaniesResource } from "./companies.js";
import { createConfigurationsResource, type ConfigurationsResource } from "./configurations.js";
import { createContactsResource, type ContactsResource } from "./contacts.js";
import { createFinanceResource, type FinanceResource } from "./finance.js";
import { createProcurementResource, type ProcurementResource } from "./procurement.js";
import { createServiceResource, type ServiceResource } from "./service.js";
import { createSystemResource, type SystemResource } from "./system.js";
import { createTicketsResource, type TicketsResource } from "./tickets.js";
import { createTimeResource, type TimeResource } from "./time.js";
import { passThrough, type ResourceOptions } from "./validation.js";

/** The resource facades of a client. */
export interface ConnectWiseResources {
  readonly system: SystemResource;
  readonly companies: CompaniesResource;
  readonly contacts: ContactsResource;
  readonly configurations: ConfigurationsResource;
  readonly service: ServiceResource;
  readonly tickets: TicketsResource;
  readonly time: TimeResource;
  readonly finance: FinanceResource;
  readonly procurement: ProcurementResource;
}

/**
 * Builds the resource facades over a kernel. Pass `validate` (e.g. `createValidator()` from
 * `@cwbridge/connectwise/schemas`) to check every response entity at runtime.
 *
 * @example
 * const { tickets } = createResources(core);
 * const open = await tickets.all({ conditions: "closedFlag = false", limit: 100 });
 */
export function createResources(
  core: ConnectWiseCore,
  options: ResourceOptions = {},
): ConnectWiseResources {
  const ctx: ResourceContext = { core, validate: options.validate ?? passThrough };
  return {
    system: createSystemResource(ctx),
    companies: createCompaniesResource(ctx),
    contacts: createContactsResource(ctx),
    configurations: createConfigurationsResource(ctx),
    service: createServiceResource(ctx),
    tickets: createTicketsResource(ctx),
    time: createTimeResource(ctx),
    finance: createFinanceResource(ctx),
    procurement: createProcurementResource(ctx),
  };
}
