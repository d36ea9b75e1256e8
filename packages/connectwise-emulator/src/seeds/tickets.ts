/**
 * A few demo service tickets (one closed) with notes, configuration links and a time entry.
 */
import type { Entity } from "../types.js";
import { daysBefore } from "./constants.js";
import { contactRef, identifierRef, memberRef, nameRef } from "./refs.js";

/** Rows the ticket builder references. */
export interface TicketContext {
  readonly companies: readonly Entity[];
  readonly sites: readonly Entity[];
  readonly contacts: readonly Entity[];
  readonly boards: readonly Entity[];
  readonly boardStatuses: readonly Entity[];
  readonly boardTypes: readonly Entity[];
  readonly boardSubtypes: readonly Entity[];
  readonly boardItems: readonly Entity[];
  readonly priorities: readonly Entity[];
  readonly members: readonly Entity[];
  readonly configurations: readonly Entity[];
}

/** Rows of the ticket tables. */
export interface TicketTables {
  tickets: Entity[];
  ticketNotes: Entity[];
  ticketConfigurations: Entity[];
  timeEntries: Entity[];
}

interface TicketSpec {
  readonly company: string;
  readonly board: string;
  readonly status: string;
  readonly type: string;
  readonly subType: string;
  readonly item: string;
  readonly priority: string;
  readonly summary: string;
  readonly severity: "Low" | "Medium" | "High";
  readonly impact: "Low" | "Medium" | "High";
  readonly owner: string;
  readonly ageDays: number;
  readonly externalXRef?: string;
  readonly configuration?: string;
  readonly notes: readonly string[];
}

const SPECS: readonly TicketSpec[] = [
  {
    company: "AcmeCorp",
    board: "Service Desk",
    status: "New",
    type: "Incident",
    subType: "Hardware",
    item: "Disk",
    priority: "Priority 3 - Medium",
    summary: "Laptop disk almost full",
    severity: "Medium",
    impact: "Low",
    owner: "jsmith",
    ageDays: 1,
    configuration: "ACME-WS-001",
    notes: ["User reports low disk space warnings on ACME-WS-001."],
  },
  {
    company: "Globex",
    board: "Monitoring Alerts",
    status: "In Progress",
    type: "Alert",
    subType: "Network",
    item: "Offline",
    priority: "Priority 1 - Critical",
    summary: "Firewall FW-01 offline",
    severity: "High",
    impact: "High",
    owner: "mlee",
    ageDays: 0,
    externalXRef: "rmm-alert-1001",
    configuration: "FW-01",
    notes: [
      "RMM: device stopped responding to heartbeat.",
      "Called site contact, power cycling the unit.",
    ],
  },
  {
    company: "Initech",
    board: "Service Desk",
    status: "Closed",
    type: "Request",
    subType: "Hardware",
    item: "Printer",
    priority: "Priority 4 - Low",
    summary: "Printer jam on 2nd floor",
    severity: "Low",
    impact: "Low",
    owner: "jsmith",
    ageDays: 5,
    notes: ["Printer jams on every second page.", "Replaced the pickup roller; printing normally."],
  },
  {
    company: "AcmeCorp",
    board: "Monitoring Alerts",
    status: "New",
    type: "Alert",
    subType: "Hardware",
    item: "Memory",
    priority: "Priority 2 - High",
    summary: "High memory usage on ACME-SRV-01",
    severity: "Medium",
    impact: "Medium",
    owner: "mlee",
    ageDays: 0,
    externalXRef: "rmm-alert-1002",
    configuration: "ACME-SRV-01",
    notes: ["RMM: memory above 95% for 15 minutes."],
  },
];

const FIRST_TICKET_ID = 40001;

const find = (rows: readonly Entity[], predicate: (row: Entity) => boolean): Entity | undefined =>
  rows.find(predicate);

const onBoard = (board: Entity) => (row: Entity) =>
  (row["board"] as { id: number } | undefined)?.id === board.id;

const ofCompany = (company: Entity) => (row: Entity) =>
  (row["company"] as { id: number } | undefined)?.id === company.id;

const emailOf = (contact: Entity): string => {
  const items = contact["communicationItems"] as
    { communicationType: string; value: string }[] | undefined;
  return items?.find((item) => item.communicationType === "Email")?.value ?? "";
};

interface Resolved {
  company: Entity;
  board: Entity;
  status: Entity;
  type: Entity;
  subType: Entity;
  item: Entity;
  priority: Entity;
  owner: Entity;
  site: Entity | undefined;
  contact: Entity | undefined;
}

function resolve(spec: TicketSpec, context: TicketContext): Resolved | undefined {
  const company = find(context.companies, (row) => row["identifier"] === spec.company);
  const board = find(context.boards, (row) => row["name"] === spec.board);
  if (company === undefined || board === undefined) return undefined;
  const named = (rows: readonly Entity[], name: string) =>
    find(rows, (row) => row["name"] === name && onBoard(board)(row));
  const status = named(context.boardStatuses, spec.status);
  const type = named(context.boardTypes, spec.type);
  const subType = named(context.boardSubtypes, spec.subType);
  const item = named(context.boardItems, spec.item);
  const priority = find(context.priorities, (row) => row["name"] === spec.priority);
  const owner = find(context.members, (row) => row["identifier"] === spec.owner);
  if (!status || !type || !subType || !item || !priority || !owner) return undefined;
  const site = find(
    context.sites,
    (row) => ofCompany(company)(row) && row["primaryAddressFlag"] === true,
  );
  const contact = find(context.contacts, ofCompany(company));
  return { company, board, status, type, subType, item, priority, owner, site, contact };
}

function ticketRow(id: number, spec: TicketSpec, r: Resolved): Entity {
  const closed = r.status["closedStatus"] === true;
  const row: Entity = {
    id,
    summary: spec.summary,
    recordType: "ServiceTicket",
    board: nameRef(r.board),
    status: { id: r.status.id, name: r.status["name"], sort: r.status["sortOrder"] },
    company: identifierRef(r.company),
    type: nameRef(r.type),
    subType: nameRef(r.subType),
    item: nameRef(r.item),
    owner: memberRef(r.owner),
    priority: { id: r.priority.id, name: r.priority["name"], sort: r.priority["sortOrder"] },
    severity: spec.severity,
    impact: spec.impact,
    location: { ...(r.board["location"] as object) },
    department: { ...(r.board["department"] as object) },
    customerUpdatedFlag: false,
    automaticEmailContactFlag: false,
    automaticEmailResourceFlag: false,
    automaticEmailCcFlag: false,
    closedFlag: closed,
    actualHours: closed ? 0.5 : 0,
    approved: true,
    isInSla: true,
    billTime: "Billable",
    billExpenses: "Billable",
    billProducts: "Billable",
    hasChildTicket: false,
  };
  if (spec.externalXRef !== undefined) row["externalXRef"] = spec.externalXRef;
  if (r.site !== undefined) Object.assign(row, { site: nameRef(r.site), siteName: r.site["name"] });
  if (r.contact !== undefined) {
    const contact = contactRef(r.contact);
    Object.assign(row, {
      contact,
      contactName: contact["name"],
      contactEmailAddress: emailOf(r.contact),
      contactPhoneNumber: r.contact["defaultPhoneNbr"],
    });
  }
  if (closed) {
    Object.assign(row, {
      closedDate: daysBefore(spec.ageDays - 1),
      closedBy: r.owner["identifier"],
      dateResolved: daysBefore(spec.ageDays - 1),
    });
  }
  return row;
}

function noteRows(ticketId: number, spec: TicketSpec, r: Resolved, firstId: number): Entity[] {
  const closed = r.status["closedStatus"] === true;
  return spec.notes.map((text, index) => {
    const resolution = closed && index === spec.notes.length - 1;
    return {
      id: firstId + index,
      ticketId,
      text,
      detailDescriptionFlag: index === 0,
      internalAnalysisFlag: index > 0 && !resolution,
      resolutionFlag: resolution,
      issueFlag: false,
      member: memberRef(r.owner),
      customerUpdatedFlag: false,
      processNotifications: false,
      dateCreated: daysBefore(spec.ageDays),
      createdBy: r.owner["identifier"],
      internalFlag: index > 0 && !resolution,
      externalFlag: index === 0 || resolution,
    };
  });
}

function timeEntryRow(id: number, ticket: Entity, spec: TicketSpec, r: Resolved): Entity {
  return {
    id,
    company: identifierRef(r.company),
    chargeToId: ticket.id,
    chargeToType: "ServiceTicket",
    member: memberRef(r.owner),
    timeStart: daysBefore(spec.ageDays - 1).replace("12:00:00", "10:00:00"),
    timeEnd: daysBefore(spec.ageDays - 1).replace("12:00:00", "10:30:00"),
    actualHours: 0.5,
    billableOption: "Billable",
    notes: "Replaced pickup roller, tested printing.",
    addToDetailDescriptionFlag: false,
    addToInternalAnalysisFlag: false,
    addToResolutionFlag: true,
    emailResourceFlag: false,
    emailContactFlag: false,
    emailCcFlag: false,
    enteredBy: r.owner["identifier"],
    dateEntered: daysBefore(spec.ageDays - 1),
    status: "Open",
    ticket: { id: ticket.id, summary: ticket["summary"] },
  };
}

/**
 * Builds the demo tickets whose company/board rows exist, with notes (a resolution note on the
 * closed one), ticket ↔ configuration links and a time entry on the closed ticket.
 *
 * @example
 * buildTickets(context).tickets.filter((row) => row["closedFlag"]).length; // 1
 */
export function buildTickets(context: TicketContext): TicketTables {
  const out: TicketTables = {
    tickets: [],
    ticketNotes: [],
    ticketConfigurations: [],
    timeEntries: [],
  };
  for (const spec of SPECS) {
    const resolved = resolve(spec, context);
    if (resolved === undefined) continue;
    const ticket = ticketRow(FIRST_TICKET_ID + out.tickets.length, spec, resolved);
    out.tickets.push(ticket);
    out.ticketNotes.push(...noteRows(ticket.id, spec, resolved, out.ticketNotes.length + 1));
    const configuration = find(
      context.configurations,
      (row) => row["name"] === spec.configuration && ofCompany(resolved.company)(row),
    );
    if (configuration !== undefined) {
      out.ticketConfigurations.push({
        id: out.ticketConfigurations.length + 1,
        ticketId: ticket.id,
        configurationId: configuration.id,
      });
    }
    if (ticket["closedFlag"] === true) {
      out.timeEntries.push(timeEntryRow(out.timeEntries.length + 1, ticket, spec, resolved));
    }
  }
  return out;
}
