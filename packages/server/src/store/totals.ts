/**
 * Ledger totals (`@creditpool/core` totals.ts): the journal summed by hour, day and month, pool
 * and measure,
 * with a checkpoint per organization saying how far the journal has been summed. Summing is a
 * projection: it never changes the ledger, it follows it. Each step adds a page of the journal's
 * totals and moves the checkpoint in one transaction, conditional on the checkpoint it read, so
 * two nodes summing one organization never add a transfer twice.
 *
 * A total's credits are kept as decimal text: many grants in one hour may pass 64 bits, and the
 * sums are added here, never in SQL.
 */
import type { Measure, Span, Total } from "@creditpool/core";
import type { SqlRun, SqlRunner } from "./directory.ts";
import { big, type Cell, int, type Row, text } from "./rows.ts";

/** An organization whose journal has transfers not summed yet. */
export interface Behind {
  readonly organizationId: string;
  /** The last sequence summed (0: none). */
  readonly summedTo: number;
}

export interface TotalsStore {
  /** The last journal sequence summed for the organization (0: none). */
  totalsCheckpoint(organizationId: string): Promise<number>;
  /**
   * Adds `totals` and moves the checkpoint from `from` to `to` in one transaction; answers false
   * and writes nothing when the checkpoint is no longer `from`.
   */
  addTotals(
    organizationId: string,
    from: number,
    to: number,
    totals: readonly Total[],
  ): Promise<boolean>;
  /** The organization's totals of one span starting in [from, to), in no particular order. */
  readTotals(organizationId: string, span: Span, from: number, to: number): Promise<Total[]>;
  /**
   * Organizations with journal transfers past their checkpoint, by id after `after`, at most
   * `limit` (a caller going round them all passes the last id it was given).
   */
  organizationsBehind(limit: number, after?: string): Promise<Behind[]>;
}

export const totalsTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE ledger_totals (
  organization_id ${t.text} NOT NULL,
  span ${t.text} NOT NULL CHECK (span IN ('hour', 'day', 'month')),
  start_at ${t.big} NOT NULL,
  pool_id ${t.text} NOT NULL,
  grant_pool_id ${t.text} NOT NULL,
  measure ${t.text} NOT NULL,
  cost_basis ${t.big} NOT NULL,
  credits ${t.text} NOT NULL,
  first_sequence ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, span, start_at, pool_id, grant_pool_id, measure, cost_basis)
)${t.clustered};

CREATE TABLE ledger_totals_checkpoints (
  organization_id ${t.text} PRIMARY KEY,
  summed_to ${t.big} NOT NULL
)${t.clustered};
`;

class Moved extends Error {}

function totalOf(row: Row): Total {
  return {
    span: text(row.span) as Span,
    start: int(row.start_at),
    poolId: text(row.pool_id),
    grantPoolId: text(row.grant_pool_id),
    measure: text(row.measure) as Measure,
    costBasis: big(row.cost_basis),
    credits: BigInt(text(row.credits)),
    firstSequence: int(row.first_sequence),
  };
}

function keyCells(organizationId: string, total: Total): Cell[] {
  return [
    organizationId,
    total.span,
    total.start,
    total.poolId,
    total.grantPoolId,
    total.measure,
    total.costBasis,
  ];
}

const keyWhere = `organization_id = ? AND span = ? AND start_at = ? AND pool_id = ? AND grant_pool_id = ?
  AND measure = ? AND cost_basis = ?`;

async function moveCheckpoint(run: SqlRun, organizationId: string, from: number, to: number) {
  const moved =
    from === 0
      ? await run(
          `INSERT INTO ledger_totals_checkpoints (organization_id, summed_to) VALUES (?, ?)
            ON CONFLICT (organization_id) DO NOTHING RETURNING summed_to`,
          [organizationId, to],
        )
      : await run(
          `UPDATE ledger_totals_checkpoints SET summed_to = ?
            WHERE organization_id = ? AND summed_to = ? RETURNING summed_to`,
          [to, organizationId, from],
        );
  if (moved.length === 0) throw new Moved();
}

async function addTotal(run: SqlRun, organizationId: string, total: Total): Promise<void> {
  const key = keyCells(organizationId, total);
  const [row] = await run(
    `SELECT credits, first_sequence FROM ledger_totals WHERE ${keyWhere}`,
    key,
  );
  if (row === undefined) {
    await run(
      `INSERT INTO ledger_totals (organization_id, span, start_at, pool_id, grant_pool_id,
        measure, cost_basis, credits, first_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...key, total.credits.toString(), total.firstSequence],
    );
    return;
  }
  const credits = BigInt(text(row.credits)) + total.credits;
  const first = Math.min(int(row.first_sequence), total.firstSequence);
  await run(`UPDATE ledger_totals SET credits = ?, first_sequence = ? WHERE ${keyWhere}`, [
    credits.toString(),
    first,
    ...key,
  ]);
}

export class SqlTotals implements TotalsStore {
  constructor(private readonly sql: SqlRunner) {}

  async totalsCheckpoint(organizationId: string): Promise<number> {
    const [row] = await this.sql.all(
      "SELECT summed_to FROM ledger_totals_checkpoints WHERE organization_id = ?",
      [organizationId],
    );
    return row === undefined ? 0 : int(row.summed_to);
  }

  async addTotals(
    organizationId: string,
    from: number,
    to: number,
    totals: readonly Total[],
  ): Promise<boolean> {
    try {
      await this.sql.inTransaction(async (run) => {
        // First, so that on PostgreSQL a second summer waits here and then finds it moved.
        await moveCheckpoint(run, organizationId, from, to);
        for (const total of totals) await addTotal(run, organizationId, total);
      });
      return true;
    } catch (error) {
      if (error instanceof Moved) return false;
      throw error;
    }
  }

  async readTotals(organizationId: string, span: Span, from: number, to: number) {
    const rows = await this.sql.all(
      `SELECT * FROM ledger_totals
        WHERE organization_id = ? AND span = ? AND start_at >= ? AND start_at < ?`,
      [organizationId, span, from, to],
    );
    return rows.map(totalOf);
  }

  async organizationsBehind(limit: number, after = ""): Promise<Behind[]> {
    const rows = await this.sql.all(
      `SELECT o.id, COALESCE(c.summed_to, 0) AS summed_to FROM organizations o
        LEFT JOIN ledger_totals_checkpoints c ON c.organization_id = o.id
        WHERE o.id > ? AND o.next_sequence - 1 > COALESCE(c.summed_to, 0)
        ORDER BY o.id LIMIT ?`,
      [after, limit],
    );
    return rows.map((row) => ({ organizationId: text(row.id), summedTo: int(row.summed_to) }));
  }
}
