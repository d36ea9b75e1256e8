/**
 * The emulator's tables: rows kept in id order plus an id index, and a per-table id sequence.
 * Rows are stored in ConnectWise's GET shape and never handed out directly (callers copy).
 */
import type { Entity, SeedData, TableName } from "./types.js";

/** One table: rows in ascending id order and an index. */
export interface Table {
  readonly rows: Entity[];
  readonly byId: Map<number, Entity>;
  nextId: number;
}

/** All tables of one emulator. */
export interface Store {
  table(name: TableName): Table;
  get(name: TableName, id: number): Entity | undefined;
  insert(name: TableName, row: Omit<Entity, "id">): Entity;
  replace(name: TableName, row: Entity): void;
  remove(name: TableName, id: number): Entity | undefined;
}

function findIndex(rows: readonly Entity[], id: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const midId = (rows[mid] as Entity).id;
    if (midId === id) return mid;
    if (midId < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function newTable(seedRows: readonly Entity[], stamp: (row: Entity) => Entity): Table {
  // Shallow copies: the emulator never mutates nested objects in place (writes build new rows).
  const rows = seedRows.map((row) => stamp({ ...row })).sort((a, b) => a.id - b.id);
  const byId = new Map(rows.map((row) => [row.id, row] as const));
  const maxId = rows.reduce((max, row) => Math.max(max, row.id), 0);
  return { rows, byId, nextId: maxId + 1 };
}

/**
 * A store loaded from a seed; `stamp` adds `_info` to seeded rows that lack it.
 *
 * @example
 * const store = createStore(seed, (row) => row);
 * store.insert("tickets", { summary: "Disk full" }); // => { id: 1, summary: "Disk full" }
 */
export function createStore(seed: SeedData, stamp: (row: Entity) => Entity): Store {
  const tables = new Map<TableName, Table>();
  for (const [name, rows] of Object.entries(seed.tables)) {
    tables.set(name as TableName, newTable(rows, stamp));
  }
  const table = (name: TableName): Table => {
    let found = tables.get(name);
    if (!found) {
      found = newTable([], stamp);
      tables.set(name, found);
    }
    return found;
  };
  return {
    table,
    get: (name, id) => table(name).byId.get(id),
    insert(name, row) {
      const target = table(name);
      const id = target.nextId;
      const entity: Entity = { ...row, id };
      // ConnectWise puts id first: rebuild the key order.
      const ordered: Entity = Object.assign({ id }, entity);
      target.nextId += 1;
      target.rows.push(ordered);
      target.byId.set(id, ordered);
      return ordered;
    },
    replace(name, row) {
      const target = table(name);
      const index = findIndex(target.rows, row.id);
      if (index >= 0) target.rows[index] = row;
      target.byId.set(row.id, row);
    },
    remove(name, id) {
      const target = table(name);
      const index = findIndex(target.rows, id);
      if (index < 0) return undefined;
      const [removed] = target.rows.splice(index, 1);
      target.byId.delete(id);
      return removed;
    },
  };
}
