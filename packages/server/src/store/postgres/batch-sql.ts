/**
 * How a batch is written on PostgreSQL: one statement of data-modifying CTEs over `unnest`
 * arrays, one array per column, so a batch of any size is one round trip.
 */
import { decisionColumns, decisionToRow, tallyColumns, tallyToRow } from "../governance.ts";
import type { BatchWrite } from "../port.ts";
import {
  type Cell,
  grantColumns,
  grantToRow,
  holdColumns,
  holdToRow,
  poolColumns,
  poolToRow,
  transferColumns,
  transferToRow,
} from "../rows.ts";

type PgType = "text" | "bigint" | "boolean";

const columnTypes: Record<string, PgType> = {};
for (const column of [...poolColumns, ...grantColumns, ...holdColumns, ...transferColumns]) {
  columnTypes[column] = "bigint";
}
for (const column of [
  "organization_id",
  "id",
  "parent_id",
  "name",
  "limit_kind",
  "limit_period",
  "overage_period",
  "pool_id",
  "source",
  "closed",
  "reservations",
  "rate_card_version",
  "status",
  "kind",
  "debit_account",
  "credit_account",
  "grant_id",
  "hold_id",
  "member_id",
  "rollover_grant_id",
  "reallocated_from",
  "policy",
  "key_id",
  "key",
  "value",
  "code",
  "hold_pool_id",
  "model",
  "evidence",
  "attribution",
]) {
  columnTypes[column] = "text";
}
for (const column of ["start", "at", "retry_after_ms"]) columnTypes[column] = "bigint";
for (const column of ["draws_from_parent", "activated", "live"]) columnTypes[column] = "boolean";

function typeOf(column: string): PgType {
  return columnTypes[column] ?? "text";
}

interface TableWrite {
  readonly table: string;
  readonly columns: readonly string[];
  /** Conflict target for an upsert, or none for a plain insert. */
  readonly key: readonly string[] | null;
}

const tableWrites: readonly TableWrite[] = [
  { table: "pools", columns: poolColumns, key: ["organization_id", "id"] },
  { table: "grants", columns: grantColumns, key: ["organization_id", "id"] },
  { table: "holds", columns: holdColumns, key: ["organization_id", "id"] },
  { table: "transfers", columns: transferColumns, key: null },
  {
    table: "idempotency",
    columns: ["organization_id", "key", "fingerprint", "answer", "created_at"],
    key: null,
  },
  { table: "tallies", columns: tallyColumns, key: ["organization_id", "key"] },
  { table: "decisions", columns: decisionColumns, key: null },
];

/**
 * One statement writing every table of a batch; parameters are column arrays, in order, then the
 * organization's new counters and id. With `guarded`, one more parameter: the version the batch
 * was computed from. The organization row is then updated (and locked) first, and every insert
 * happens only if that update found the version unchanged, so the whole statement is one atomic,
 * all-or-nothing step in autocommit mode.
 */
function writeBatchSql(guarded: boolean): string {
  let parameter = 0;
  const onlyIfGuarded = guarded ? " WHERE EXISTS (SELECT 1 FROM guard)" : "";
  const ctes = tableWrites.map(({ table, columns, key }, index) => {
    const arrays = columns.map((column) => `$${++parameter}::${typeOf(column)}[]`);
    const conflict =
      key === null
        ? ""
        : ` ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${columns
            .filter((c) => !key.includes(c))
            .map((c) => `${c} = excluded.${c}`)
            .join(", ")}`;
    return `w${index} AS (INSERT INTO ${table} (${columns.join(", ")})
      SELECT * FROM unnest(${arrays.join(", ")})${onlyIfGuarded}${conflict} RETURNING 1)`;
  });
  const organization = ["version", "last_now", "next_sequence", "next_due_at"]
    .map((column) => `${column} = $${++parameter}::bigint`)
    .join(", ");
  const id = `$${++parameter}::text`;
  if (!guarded) {
    return `WITH ${ctes.join(",\n")}
      UPDATE organizations SET ${organization} WHERE id = ${id}`;
  }
  const expected = `$${++parameter}::bigint`;
  return `WITH guard AS (UPDATE organizations SET ${organization}
      WHERE id = ${id} AND version = ${expected} RETURNING id),
    ${ctes.join(",\n")}
    SELECT count(*) AS written FROM guard`;
}

export const writeBatch = { name: "creditpool_write_batch", text: writeBatchSql(false) };
export const writeBatchIfUnchanged = {
  name: "creditpool_write_if_unchanged",
  text: writeBatchSql(true),
};
export const uniqueViolation = "23505";

function columnsOf(rows: readonly Cell[][], width: number): Cell[][] {
  const columns: Cell[][] = Array.from({ length: width }, () => []);
  for (const row of rows) {
    for (let index = 0; index < width; index += 1) columns[index]?.push(row[index] ?? null);
  }
  return columns;
}

/** `pg` sends bigint as text; arrays of them too. Booleans and null pass through. */
export function param(cells: Cell[]): unknown[] {
  return cells.map((cell) => (typeof cell === "bigint" ? cell.toString() : cell));
}

export function batchValues(batch: BatchWrite): unknown[] {
  const id = batch.organization.id;
  const tables: Cell[][][] = [
    batch.pools.map((pool) => poolToRow(id, pool)),
    batch.grants.map((grant) => grantToRow(id, grant)),
    batch.holds.map((hold) => holdToRow(id, hold)),
    batch.transfers.map((transfer) => transferToRow(id, transfer)),
    batch.answers.map((a) => [id, a.key, a.fingerprint, a.answer, a.createdAt]),
    batch.tallies.map(([key, counter]) => tallyToRow(id, key, counter)),
    batch.decisions.map((decision) => decisionToRow(id, decision)),
  ];
  const values: unknown[] = [];
  tables.forEach((rows, index) => {
    const width = tableWrites[index]?.columns.length ?? 0;
    for (const column of columnsOf(rows, width)) values.push(param(column));
  });
  const o = batch.organization;
  values.push(o.version, o.lastNow, o.nextSequence, o.nextDueAt, o.id);
  return values;
}
