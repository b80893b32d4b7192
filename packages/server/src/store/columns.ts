/**
 * Rows as columns, for the tables whose rows are plain records (billing's, recurring grants'):
 * each field names its column and how its cell reads back, and the statements that insert a row
 * and update it at an expected version follow from that one list.
 */
import type { Cell, Row } from "./rows.ts";

/** Each field's column and how its cell reads back; a field without one does not compile. */
export type Columns<T> = {
  readonly [K in keyof T]-?: readonly [column: string, read: (cell: Cell | undefined) => T[K]];
};
type Column = readonly [column: string, read: (cell: Cell | undefined) => unknown];

export function columnsOf<T>(columns: Columns<T>): [field: string, column: Column][] {
  return Object.entries(columns) as [string, Column][];
}

/** A row's cells in column order; a boolean as 0 or 1 (see `billing-tables.ts`). */
export function cellsOf<T extends { readonly [K in keyof T]: Cell }>(
  columns: Columns<T>,
  row: T,
): Cell[] {
  return (Object.keys(columns) as (keyof T)[]).map((field) => {
    const value: Cell = row[field];
    return typeof value === "boolean" ? Number(value) : value;
  });
}

export function rowOf<T>(columns: Columns<T>, row: Row): T {
  const fields = columnsOf(columns).map(([field, [column, read]]) => [field, read(row[column])]);
  return Object.fromEntries(fields) as T;
}

export function insertSql<T>(table: string, columns: Columns<T>): string {
  const names = columnsOf(columns).map(([, [column]]) => column);
  return `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`;
}

/** Sets every column but the key (organization and id, the first two) at the expected version. */
export function updateSql<T>(table: string, columns: Columns<T>): string {
  const sets = columnsOf(columns)
    .slice(2)
    .map(([, [column]]) => `${column} = ?`);
  return `UPDATE ${table} SET ${sets.join(", ")}
    WHERE organization_id = ? AND id = ? AND version = ? RETURNING id`;
}

/** The cells of an update: the columns to set, then the key and the expected version. */
export function updateCells(cells: Cell[], expectedVersion: number): Cell[] {
  return [...cells.slice(2), ...cells.slice(0, 2), expectedVersion];
}

/**
 * A unique constraint refused the write: SQLSTATE 23505 from PostgreSQL and PGlite, SQLite's
 * extended codes for a UNIQUE or PRIMARY KEY constraint. Only the error's `code` is read, so no
 * driver type reaches this file. A conflict is caught rather than checked ahead, since on
 * PostgreSQL a concurrent transaction may take the key between a check and the write.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? Reflect.get(error, "code") : null;
  return typeof code === "string" && /^(23505|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY))$/.test(code);
}
