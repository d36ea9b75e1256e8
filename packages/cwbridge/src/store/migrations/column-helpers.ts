/**
 * Tiny helpers shared by migrations, so every table follows the same conventions.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from "kysely";

/** A text timestamp column (ISO-8601 UTC), NOT NULL unless `nullable`. */
export function timestampColumn<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  name: string,
  options: { nullable?: boolean } = {},
): CreateTableBuilder<T, C> {
  return table.addColumn(name, "text", (col) => (options.nullable ? col : col.notNull()));
}

/** A 0/1 integer boolean column with a default. */
export function boolColumn<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  name: string,
  defaultValue: 0 | 1,
): CreateTableBuilder<T, C> {
  return table.addColumn(name, "integer", (col) =>
    col
      .notNull()
      .defaultTo(defaultValue)
      .check(sql`${sql.ref(name)} in (0, 1)`),
  );
}

/** A JSON-as-text column defaulting to `{}` (or `[]`). */
export function jsonColumn<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  name: string,
  empty: "{}" | "[]" = "{}",
): CreateTableBuilder<T, C> {
  return table.addColumn(name, "text", (col) => col.notNull().defaultTo(empty));
}

/** A NOT NULL text column restricted to `values`, with an optional default. */
export function enumColumn(
  name: string,
  values: readonly string[],
  defaultValue?: string,
): (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  const list = sql.join(values.map((v) => sql.lit(v)));
  return (col) => {
    const base = col.notNull();
    const withDefault = defaultValue === undefined ? base : base.defaultTo(defaultValue);
    return withDefault.check(sql`${sql.ref(name)} in (${list})`);
  };
}
