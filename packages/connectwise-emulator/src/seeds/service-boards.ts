/**
 * Service boards with their statuses, types, subtypes and items, built from compact specs.
 */
import type { Entity } from "../types.js";
import { identifierRef, nameRef } from "./refs.js";
import { DEPARTMENT_IDS, LOCATION_IDS, buildDepartments, buildLocations } from "./service-setup.js";

/** A status of a board spec. */
export interface StatusSpec {
  readonly name: string;
  readonly closed?: boolean;
  readonly isDefault?: boolean;
  readonly escalation?:
    "NotResponded" | "Responded" | "ResolutionPlan" | "Resolved" | "NoEscalation";
}

/** A board as data. */
export interface BoardSpec {
  readonly id: number;
  readonly name: string;
  readonly locationId: number;
  readonly departmentId: number;
  readonly statuses: readonly StatusSpec[];
  /** [name, category, isDefault]. */
  readonly types: readonly (readonly [string, "Reactive" | "Proactive", boolean])[];
  readonly subtypes: readonly string[];
  readonly items: readonly string[];
}

/** The service tables a set of boards produces. */
export interface ServiceBoards {
  boards: Entity[];
  boardStatuses: Entity[];
  boardTypes: Entity[];
  boardSubtypes: Entity[];
  boardItems: Entity[];
}

const STANDARD_STATUSES: readonly StatusSpec[] = [
  { name: "New", isDefault: true, escalation: "NotResponded" },
  { name: "In Progress", escalation: "Responded" },
  { name: "Waiting Customer", escalation: "NoEscalation" },
  { name: "Resolved", escalation: "Resolved" },
  { name: "Closed", closed: true, escalation: "NoEscalation" },
  { name: "Closed - Duplicate", closed: true, escalation: "NoEscalation" },
];

/** Board ids of the demo seed. */
export const BOARD_IDS = { serviceDesk: 1, monitoring: 2 } as const;

/** The demo boards: "Service Desk" and "Monitoring Alerts". */
export const DEMO_BOARDS: readonly BoardSpec[] = [
  {
    id: BOARD_IDS.serviceDesk,
    name: "Service Desk",
    locationId: LOCATION_IDS.headOffice,
    departmentId: DEPARTMENT_IDS.service,
    statuses: STANDARD_STATUSES,
    types: [
      ["Incident", "Reactive", true],
      ["Request", "Reactive", false],
      ["Maintenance", "Proactive", false],
    ],
    subtypes: ["Hardware", "Software", "Network", "Security"],
    items: ["Disk", "Printer", "Email", "Access"],
  },
  {
    id: BOARD_IDS.monitoring,
    name: "Monitoring Alerts",
    locationId: LOCATION_IDS.headOffice,
    departmentId: DEPARTMENT_IDS.noc,
    statuses: STANDARD_STATUSES,
    types: [
      ["Alert", "Reactive", true],
      ["Maintenance", "Proactive", false],
    ],
    subtypes: ["Hardware", "Software", "Network", "Security", "Backup"],
    items: ["Disk", "CPU", "Memory", "Offline"],
  },
];

/** The single board of the empty seed (New default, Closed closed). */
export const MINIMAL_BOARDS: readonly BoardSpec[] = [
  {
    id: BOARD_IDS.serviceDesk,
    name: "Service Desk",
    locationId: LOCATION_IDS.headOffice,
    departmentId: DEPARTMENT_IDS.service,
    statuses: [
      { name: "New", isDefault: true, escalation: "NotResponded" },
      { name: "Closed", closed: true, escalation: "NoEscalation" },
    ],
    types: [["Incident", "Reactive", true]],
    subtypes: [],
    items: [],
  },
];

function boardRow(spec: BoardSpec, location: Entity, department: Entity): Entity {
  return {
    id: spec.id,
    name: spec.name,
    location: nameRef(location),
    department: identifierRef(department),
    inactiveFlag: false,
    projectFlag: false,
    showDependenciesFlag: false,
    showEstimatesFlag: false,
    billTicketsAfterClosedFlag: false,
    billTime: "Billable",
    billExpense: "Billable",
    billProduct: "Billable",
    autoAssignNewTicketsFlag: false,
    timeEntryLockedFlag: false,
    problemSort: "Ascending",
    resolutionSort: "Ascending",
    internalAnalysisSort: "Ascending",
  };
}

function statusRows(spec: BoardSpec, board: Entity, firstId: number): Entity[] {
  return spec.statuses.map((status, index) => ({
    id: firstId + index,
    name: status.name,
    board: nameRef(board),
    sortOrder: index,
    displayOnBoard: true,
    inactive: false,
    closedStatus: status.closed === true,
    timeEntryNotAllowed: status.closed === true,
    roundRobinCatchall: false,
    defaultFlag: status.isDefault === true,
    escalationStatus: status.escalation ?? "NoEscalation",
    customerPortalFlag: true,
    customerPortalDescription: status.name,
    saveTimeAsNote: false,
  }));
}

function namedChildren(names: readonly string[], board: Entity, firstId: number): Entity[] {
  return names.map((name, index) => ({
    id: firstId + index,
    name,
    inactiveFlag: false,
    board: nameRef(board),
  }));
}

function findById(rows: readonly Entity[], id: number): Entity {
  const row = rows.find((candidate) => candidate.id === id);
  if (row === undefined) throw new Error(`seed: no row ${id}`);
  return row;
}

/**
 * Builds boards and their children; child ids run on across boards (different per board).
 *
 * @example
 * const service = buildBoards(DEMO_BOARDS);
 * service.boardStatuses.filter((row) => row["closedStatus"]).length; // 4
 */
export function buildBoards(specs: readonly BoardSpec[]): ServiceBoards {
  const locations = buildLocations();
  const departments = buildDepartments();
  const out: ServiceBoards = {
    boards: [],
    boardStatuses: [],
    boardTypes: [],
    boardSubtypes: [],
    boardItems: [],
  };
  for (const spec of specs) {
    const location = findById(locations, spec.locationId);
    const department = findById(departments, spec.departmentId);
    const board = boardRow(spec, location, department);
    out.boards.push(board);
    out.boardStatuses.push(...statusRows(spec, board, out.boardStatuses.length + 1));
    spec.types.forEach(([name, category, isDefault]) => {
      out.boardTypes.push({
        id: out.boardTypes.length + 1,
        name,
        category,
        defaultFlag: isDefault,
        inactiveFlag: false,
        requestForChangeFlag: false,
        board: nameRef(board),
        location: nameRef(location),
        department: identifierRef(department),
      });
    });
    out.boardSubtypes.push(...namedChildren(spec.subtypes, board, out.boardSubtypes.length + 1));
    out.boardItems.push(...namedChildren(spec.items, board, out.boardItems.length + 1));
  }
  return out;
}
