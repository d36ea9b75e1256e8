/** `tickets`: service tickets, search, notes and linked configurations. */
import { entityPath } from "../entities.js";
import type {
  ConfigurationReference,
  ServiceNote,
  ServiceNoteCreate,
  Ticket,
  TicketCreate,
} from "../schemas/tickets.js";
import type { ConditionsInput, ListQuery } from "../types.js";
import { printConditions } from "../conditions/print.js";
import {
  collection,
  pick,
  readOperations,
  validated,
  validatedRows,
  type CallOptions,
  type Collection,
  type ReadOperations,
  type ResourceContext,
} from "./collection.js";
import { idSegment, itemPath } from "./paths.js";

/** Query of `POST /service/tickets/search`: filters go in the body (no URL length limit). */
export interface TicketSearchQuery extends Omit<ListQuery, "fields"> {
  readonly page?: number;
  readonly pageSize?: number;
}

/** The notes of one ticket. */
export type TicketNotesResource = ReadOperations<ServiceNote> &
  Pick<Collection<ServiceNote, ServiceNoteCreate>, "create" | "patch">;

/** The configurations linked to one ticket. */
export interface TicketConfigurationsResource extends Pick<
  ReadOperations<ConfigurationReference>,
  "list" | "all" | "get" | "count"
> {
  /** Links configuration `configurationId` (`POST {"id": configurationId}`). */
  add(configurationId: number, options?: CallOptions): Promise<ConfigurationReference>;
  /** Unlinks configuration `configurationId` (the configuration itself stays). */
  remove(configurationId: number, options?: CallOptions): Promise<void>;
}

/** The `tickets` facade. */
export interface TicketsResource extends Collection<Ticket, TicketCreate> {
  /** `POST /service/tickets/search`: one page of tickets for long filters. */
  search(query: TicketSearchQuery, options?: CallOptions): Promise<Ticket[]>;
  /** `/service/tickets/{ticketId}/notes`. */
  notes(ticketId: number): TicketNotesResource;
  /** `/service/tickets/{ticketId}/configurations`. */
  configurations(ticketId: number): TicketConfigurationsResource;
}

function conditionsText(input: ConditionsInput | undefined): string | undefined {
  return input === undefined || typeof input === "string" ? input : printConditions(input);
}

/**
 * The `FilterValues` body of a ticket search (conditions ASTs printed, lower-case names as
 * the spec spells them, absent filters left out).
 *
 * @example
 * searchBody({ conditions: "closedFlag = false", orderBy: "id desc" }); // { conditions: "closedFlag = false", orderBy: "id desc" }
 */
export function searchBody(query: Omit<ListQuery, "fields">): Record<string, string> {
  const entries = {
    conditions: conditionsText(query.conditions),
    orderBy: query.orderBy,
    childconditions: conditionsText(query.childConditions),
    customfieldconditions: conditionsText(query.customFieldConditions),
  };
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) body[key] = value;
  return body;
}

function ticketConfigurations(ctx: ResourceContext, base: string): TicketConfigurationsResource {
  const reads = readOperations<ConfigurationReference>(ctx, base, "ConfigurationReference");
  return {
    ...pick(reads, ["list", "all", "get", "count"]),
    async add(configurationId, options) {
      const body = { id: Number(idSegment(configurationId)) };
      const data = await ctx.core.request<unknown>("POST", base, { ...options, body });
      return validated<ConfigurationReference>(ctx, "ConfigurationReference", data);
    },
    async remove(configurationId, options) {
      await ctx.core.request<unknown>("DELETE", itemPath(base, configurationId), options);
    },
  };
}

/**
 * The `tickets` facade.
 *
 * @example
 * const ticket = await tickets.create({ summary: "Disk full on ACME-WS-042", company: { id: 250 } });
 * await tickets.notes(ticket.id).create({ text: "Cleaned up", resolutionFlag: true });
 */
export function createTicketsResource(ctx: ResourceContext): TicketsResource {
  const base = entityPath("Ticket");
  return {
    ...collection<Ticket, TicketCreate>(ctx, base, "Ticket"),
    async search(query, options) {
      const { page, pageSize, ...filters } = query;
      const data = await ctx.core.request<unknown>("POST", `${base}/search`, {
        ...options,
        idempotent: true,
        query: { page, pageSize },
        body: searchBody(filters),
      });
      return validatedRows<Ticket>(ctx, "Ticket", data);
    },
    notes: (ticketId) =>
      pick(
        collection<ServiceNote, ServiceNoteCreate>(
          ctx,
          entityPath("ServiceNote", ticketId),
          "ServiceNote",
        ),
        ["list", "iterate", "all", "get", "count", "create", "patch"],
      ),
    configurations: (ticketId) =>
      ticketConfigurations(ctx, entityPath("ConfigurationReference", ticketId)),
  };
}
