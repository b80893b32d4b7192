/**
 * Usage buckets (`@creditpool/core` reports/buckets.ts): the journal's consumption summed by
 * span, start, pool, dimension, value and cost basis, with a checkpoint per organization saying
 * how far the journal has been summed. Like the ledger totals it is a projection that follows
 * the ledger: each step adds a page of buckets and moves the checkpoint in one transaction,
 * conditional on the checkpoint it read, so two nodes never add a transfer twice.
 *
 * Credits are 64-bit integers added in SQL: a bucket counts one pool's consumption over at most
 * a calendar month, and a pool's consumption in a month stays under `limits.totalMicrosMax`.
 * Uncovered credits (no cost basis) are stored with cost basis -1. Steps add in journal order, so
 * a bucket's first sequence is the one it was created with.
 *
 * The primary key leads with (organization, span, dimension, start): a report's read is one
 * range of it and never touches another organization's rows.
 */
import { type Dimension, limits, type Span, type UsageBucket } from "@creditpool/core";
import type { SqlRun, SqlRunner } from "./directory.ts";
import { big, type Cell, int, type Row, text, textOrNull } from "./rows.ts";
import type { Behind } from "./totals.ts";

export interface UsageBucketStore {
  /** The last journal sequence summed into usage buckets (0: none). */
  usageCheckpoint(organizationId: string): Promise<number>;
  /**
   * Adds `buckets` and moves the checkpoint from `from` to `to` in one transaction; answers
   * false and writes nothing when the checkpoint is no longer `from`.
   */
  addUsageBuckets(
    organizationId: string,
    from: number,
    to: number,
    buckets: readonly UsageBucket[],
  ): Promise<boolean>;
  /**
   * The organization's buckets of one span and dimension starting in [from, to), any order; at
   * most `rowsMax` of them (by default one past `limits.reportBucketsReadMax`, so a reader can
   * tell it would have read more).
   */
  readUsageBuckets(
    organizationId: string,
    span: Span,
    dimension: Dimension,
    from: number,
    to: number,
    rowsMax?: number,
  ): Promise<UsageBucket[]>;
  /**
   * The same buckets summed in the store over the pools `filter.pools` (every pool when null),
   * and only of the values `filter.values` when given: one row per start, value and cost basis,
   * with the pool id `""` and the least first sequence of those it sums, any order; at most
   * `rowsMax` rows from each part the read is made in (as `readUsageBuckets`).
   */
  sumUsageBuckets(
    organizationId: string,
    span: Span,
    dimension: Dimension,
    from: number,
    to: number,
    filter: UsageFilter,
    rowsMax?: number,
  ): Promise<UsageBucket[]>;
  /** Organizations with journal transfers past their usage checkpoint, by id after `after`. */
  organizationsBehindUsage(limit: number, after?: string): Promise<Behind[]>;
  /**
   * The names of the organization's members, keys or pools among `ids`, in one read, each with
   * the pool it is placed in or bound to (a pool's own id; null for the whole organization).
   */
  readNames(organizationId: string, kind: NamedKind, ids: readonly string[]): Promise<Names>;
}

export interface UsageFilter {
  readonly pools: readonly string[] | null;
  readonly values?: readonly string[];
}

export type NamedKind = "member" | "key" | "pool";
export interface Named {
  readonly name: string;
  readonly poolId: string | null;
}
export type Names = Map<string, Named>;

const namedTables: Record<NamedKind, { table: string; pool: string }> = {
  member: { table: "members", pool: "pool_id" },
  key: { table: "api_keys", pool: "pool_id" },
  pool: { table: "pools", pool: "id" },
};

export const usageBucketTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE usage_buckets (
  organization_id ${t.text} NOT NULL,
  span ${t.text} NOT NULL CHECK (span IN ('hour', 'day', 'month')),
  dimension ${t.text} NOT NULL,
  start_at ${t.big} NOT NULL,
  pool_id ${t.text} NOT NULL,
  value ${t.text} NOT NULL,
  cost_basis ${t.big} NOT NULL,
  credits ${t.big} NOT NULL,
  first_sequence ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, span, dimension, start_at, pool_id, value, cost_basis)
)${t.clustered};

CREATE TABLE usage_bucket_checkpoints (
  organization_id ${t.text} PRIMARY KEY,
  summed_to ${t.big} NOT NULL
)${t.clustered};
`;

/**
 * Migration 28: each bucket's provider cost (micro-units of the rate cards' cost currency) and the
 * credits that carried one, and rate cards' cost currency. The buckets are summed again from the
 * journal's start, since the dimension `rate_card` and the costs are new for every row.
 */
export const providerCostColumns = (t: { big: string }) => `
ALTER TABLE usage_buckets ADD COLUMN provider_cost ${t.big} NOT NULL DEFAULT 0;
ALTER TABLE usage_buckets ADD COLUMN costed_credits ${t.big} NOT NULL DEFAULT 0;
ALTER TABLE rate_cards ADD COLUMN cost_currency TEXT;
DELETE FROM usage_buckets;
DELETE FROM usage_bucket_checkpoints;
`;

/** Rows per INSERT statement: 11 parameters each, well under SQLite's 32,766. */
const rowsPerStatement = 200;
/** A read's rows by default: one past what a report may read, so the reader can tell. */
export const bucketsReadDefault = limits.reportBucketsReadMax + 1;
const uncoveredBasis = -1n;
/** Pools or values named in one read's `IN` list; a longer list is read in parts and summed. */
export const idsPerStatement = 512;

class Moved extends Error {}

/**
 * The list in parts of at most `idsPerStatement`, each padded to a power of two by repeating its
 * last id (which `IN` ignores), so that reads share a few prepared statements.
 */
function chunksOf(items: readonly string[] | null | undefined): (readonly string[] | null)[] {
  if (items === null || items === undefined) return [null];
  const chunks: string[][] = [];
  for (let index = 0; index < items.length; index += idsPerStatement) {
    const chunk = items.slice(index, index + idsPerStatement);
    const last = chunk.at(-1) ?? "";
    let size = 1;
    while (size < chunk.length) size *= 2;
    while (chunk.length < size) chunk.push(last);
    chunks.push(chunk);
  }
  return chunks;
}

/** Whether a bucket is of the filter's pools and values. */
export function matchesFilter(filter: UsageFilter): (bucket: UsageBucket) => boolean {
  const pools = filter.pools === null ? null : new Set(filter.pools);
  const values = filter.values === undefined ? null : new Set(filter.values);
  return (bucket) =>
    (pools === null || pools.has(bucket.poolId)) && (values === null || values.has(bucket.value));
}

/** Rows summed by start, value and cost basis, whichever reads they came from. */
export function sumAcrossPools(rows: Iterable<UsageBucket>): UsageBucket[] {
  const sums = new Map<string, UsageBucket>();
  for (const row of rows) {
    const key = `${row.start}|${row.value}|${row.costBasis ?? "uncovered"}`;
    const before = sums.get(key);
    sums.set(
      key,
      before === undefined
        ? { ...row, poolId: "" }
        : {
            ...before,
            credits: before.credits + row.credits,
            providerCost: before.providerCost + row.providerCost,
            costedCredits: before.costedCredits + row.costedCredits,
            firstSequence: Math.min(before.firstSequence, row.firstSequence),
          },
    );
  }
  return [...sums.values()];
}

function bucketOf(row: Row): UsageBucket {
  const basis = big(row.cost_basis);
  return {
    span: text(row.span) as Span,
    start: int(row.start_at),
    poolId: text(row.pool_id),
    dimension: text(row.dimension) as Dimension,
    value: text(row.value),
    costBasis: basis === uncoveredBasis ? null : basis,
    credits: big(row.credits),
    providerCost: big(row.provider_cost),
    costedCredits: big(row.costed_credits),
    firstSequence: int(row.first_sequence),
  };
}

/** A summed row, built field by field: spreading driver rows costs more than the read. */
function summedOf(row: Row, span: Span, dimension: Dimension): UsageBucket {
  const basis = big(row.cost_basis);
  return {
    span,
    start: int(row.start_at),
    poolId: "",
    dimension,
    value: text(row.value),
    costBasis: basis === uncoveredBasis ? null : basis,
    credits: big(row.credits),
    providerCost: big(row.provider_cost),
    costedCredits: big(row.costed_credits),
    firstSequence: int(row.first_sequence),
  };
}

function cellsOf(organizationId: string, bucket: UsageBucket): Cell[] {
  return [
    organizationId,
    bucket.span,
    bucket.dimension,
    bucket.start,
    bucket.poolId,
    bucket.value,
    bucket.costBasis ?? uncoveredBasis,
    bucket.credits,
    bucket.firstSequence,
    bucket.providerCost,
    bucket.costedCredits,
  ];
}

async function moveCheckpoint(run: SqlRun, organizationId: string, from: number, to: number) {
  const moved =
    from === 0
      ? await run(
          `INSERT INTO usage_bucket_checkpoints (organization_id, summed_to) VALUES (?, ?)
            ON CONFLICT (organization_id) DO NOTHING RETURNING summed_to`,
          [organizationId, to],
        )
      : await run(
          `UPDATE usage_bucket_checkpoints SET summed_to = ?
            WHERE organization_id = ? AND summed_to = ? RETURNING summed_to`,
          [to, organizationId, from],
        );
  if (moved.length === 0) throw new Moved();
}

async function addBuckets(run: SqlRun, organizationId: string, buckets: readonly UsageBucket[]) {
  for (let index = 0; index < buckets.length; index += rowsPerStatement) {
    const slice = buckets.slice(index, index + rowsPerStatement);
    await run(
      `INSERT INTO usage_buckets (organization_id, span, dimension, start_at, pool_id, value,
        cost_basis, credits, first_sequence, provider_cost, costed_credits)
        VALUES ${slice.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
        ON CONFLICT (organization_id, span, dimension, start_at, pool_id, value, cost_basis)
        DO UPDATE SET credits = usage_buckets.credits + excluded.credits,
          provider_cost = usage_buckets.provider_cost + excluded.provider_cost,
          costed_credits = usage_buckets.costed_credits + excluded.costed_credits`,
      slice.flatMap((bucket) => cellsOf(organizationId, bucket)),
    );
  }
}

function inList(column: string, ids: readonly string[] | null): string {
  return ids === null ? "" : ` AND ${column} IN (${ids.map(() => "?").join(", ")})`;
}

export class SqlUsageBuckets implements UsageBucketStore {
  constructor(private readonly sql: SqlRunner) {}

  async usageCheckpoint(organizationId: string): Promise<number> {
    const [row] = await this.sql.all(
      "SELECT summed_to FROM usage_bucket_checkpoints WHERE organization_id = ?",
      [organizationId],
    );
    return row === undefined ? 0 : int(row.summed_to);
  }

  async addUsageBuckets(
    organizationId: string,
    from: number,
    to: number,
    buckets: readonly UsageBucket[],
  ): Promise<boolean> {
    try {
      await this.sql.inTransaction(async (run) => {
        // First, so that on PostgreSQL a second summer waits here and then finds it moved.
        await moveCheckpoint(run, organizationId, from, to);
        await addBuckets(run, organizationId, buckets);
      });
      return true;
    } catch (error) {
      if (error instanceof Moved) return false;
      throw error;
    }
  }

  async readUsageBuckets(
    organizationId: string,
    span: Span,
    dimension: Dimension,
    from: number,
    to: number,
    rowsMax = bucketsReadDefault,
  ): Promise<UsageBucket[]> {
    const rows = await this.sql.all(
      `SELECT * FROM usage_buckets
        WHERE organization_id = ? AND span = ? AND dimension = ? AND start_at >= ? AND start_at < ?
        LIMIT ?`,
      [organizationId, span, dimension, from, to, rowsMax],
    );
    return rows.map(bucketOf);
  }

  async sumUsageBuckets(
    organizationId: string,
    span: Span,
    dimension: Dimension,
    from: number,
    to: number,
    filter: UsageFilter,
    rowsMax = bucketsReadDefault,
  ): Promise<UsageBucket[]> {
    const values = filter.values?.length === 0 ? [] : chunksOf(filter.values);
    const read: UsageBucket[] = [];
    for (const pools of chunksOf(filter.pools)) {
      if (pools?.length === 0) continue;
      for (const named of values) {
        const rows = await this.sql.all(
          `SELECT start_at, value, cost_basis, SUM(credits) AS credits,
            SUM(provider_cost) AS provider_cost, SUM(costed_credits) AS costed_credits,
            MIN(first_sequence) AS first_sequence FROM usage_buckets
            WHERE organization_id = ? AND span = ? AND dimension = ? AND start_at >= ?
              AND start_at < ?${inList("pool_id", pools)}${inList("value", named)}
            GROUP BY start_at, value, cost_basis LIMIT ?`,
          [organizationId, span, dimension, from, to, ...(pools ?? []), ...(named ?? []), rowsMax],
        );
        for (const row of rows) read.push(summedOf(row, span, dimension));
      }
    }
    // A read in parts can name one start, value and cost basis once per part.
    return values.length * chunksOf(filter.pools).length > 1 ? sumAcrossPools(read) : read;
  }

  async organizationsBehindUsage(limit: number, after = ""): Promise<Behind[]> {
    const rows = await this.sql.all(
      `SELECT o.id, COALESCE(c.summed_to, 0) AS summed_to FROM organizations o
        LEFT JOIN usage_bucket_checkpoints c ON c.organization_id = o.id
        WHERE o.id > ? AND o.next_sequence - 1 > COALESCE(c.summed_to, 0)
        ORDER BY o.id LIMIT ?`,
      [after, limit],
    );
    return rows.map((row) => ({ organizationId: text(row.id), summedTo: int(row.summed_to) }));
  }

  async readNames(organizationId: string, kind: NamedKind, ids: readonly string[]): Promise<Names> {
    if (ids.length === 0) return new Map();
    const { table, pool } = namedTables[kind];
    const rows = await this.sql.all(
      `SELECT id, name, ${pool} AS pool_id FROM ${table}
        WHERE organization_id = ? AND id IN (${ids.map(() => "?").join(", ")})`,
      [organizationId, ...ids],
    );
    return new Map(
      rows.map((row) => [text(row.id), { name: text(row.name), poolId: textOrNull(row.pool_id) }]),
    );
  }
}
