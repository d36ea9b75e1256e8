/** `service`: boards (and their statuses, types, subtypes, items), priorities, severities, impacts. */
import { entityPath } from "../entities.js";
import type {
  Board,
  BoardItem,
  BoardStatus,
  BoardSubType,
  BoardType,
  Impact,
  Priority,
  Severity,
} from "../schemas/service.js";
import { pick, readOperations, type ReadOperations, type ResourceContext } from "./collection.js";
import type { ResourceSchemaName } from "./validation.js";

/** List / all / get / count of a setup table. */
export type SetupTable<T> = Pick<ReadOperations<T>, "list" | "all" | "get" | "count">;

/** Service boards and their board-specific setup tables. */
export interface BoardsResource extends SetupTable<Board> {
  /** `/service/boards/{boardId}/statuses` (`closedStatus` marks closing statuses). */
  statuses(boardId: number): SetupTable<BoardStatus>;
  /** `/service/boards/{boardId}/types`. */
  types(boardId: number): SetupTable<BoardType>;
  /** `/service/boards/{boardId}/subtypes`. */
  subtypes(boardId: number): SetupTable<BoardSubType>;
  /** `/service/boards/{boardId}/items`. */
  items(boardId: number): SetupTable<BoardItem>;
}

/** The `service` facade. */
export interface ServiceResource {
  readonly boards: BoardsResource;
  readonly priorities: SetupTable<Priority>;
  readonly severities: SetupTable<Severity>;
  readonly impacts: SetupTable<Impact>;
}

const SETUP_KEYS = ["list", "all", "get", "count"] as const;

function setupTable<T>(
  ctx: ResourceContext,
  path: string,
  name: ResourceSchemaName,
): SetupTable<T> {
  return pick(readOperations<T>(ctx, path, name), SETUP_KEYS);
}

/**
 * The `service` facade.
 *
 * @example
 * const closing = (await service.boards.statuses(1).all()).filter((s) => s.closedStatus);
 */
export function createServiceResource(ctx: ResourceContext): ServiceResource {
  return {
    boards: {
      ...setupTable<Board>(ctx, entityPath("Board"), "Board"),
      statuses: (boardId) =>
        setupTable<BoardStatus>(ctx, entityPath("BoardStatus", boardId), "BoardStatus"),
      types: (boardId) => setupTable<BoardType>(ctx, entityPath("BoardType", boardId), "BoardType"),
      subtypes: (boardId) =>
        setupTable<BoardSubType>(ctx, entityPath("BoardSubType", boardId), "BoardSubType"),
      items: (boardId) => setupTable<BoardItem>(ctx, entityPath("BoardItem", boardId), "BoardItem"),
    },
    priorities: setupTable<Priority>(ctx, entityPath("Priority"), "Priority"),
    severities: setupTable<Severity>(ctx, entityPath("Severity"), "Severity"),
    impacts: setupTable<Impact>(ctx, entityPath("Impact"), "Impact"),
  };
}
