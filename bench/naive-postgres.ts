/**
 * The naive PostgreSQL baseline: one transaction per operation in its best single-statement form,
 * as an application writes it without batching. A hold is one data-modifying CTE (conditional
 * decrement of the hot balance, then the hold row); a capture is one CTE marking the hold captured
 * and returning the unused part. Statements are prepared, and the pool has one connection per
 * caller (up to 90 of the server's 100), so callers really run concurrently.
 */
import pg from "pg";
import type { PairTarget } from "./closed-loop.ts";
import { type NaiveCheck, naiveBalanceMicros } from "./naive-check.ts";

export const naiveConnectionsMax = 90;

const holdSql = `WITH u AS (
    UPDATE naive_pool SET balance = balance - $2::bigint
    WHERE id = $1 AND balance >= $2::bigint RETURNING id)
  INSERT INTO naive_hold (pool_id, amount, status, captured)
  SELECT id, $2::bigint, 'held', 0 FROM u RETURNING id`;

const captureSql = `WITH h AS (
    UPDATE naive_hold SET status = 'captured', captured = $2::bigint
    WHERE id = $1 AND status = 'held' AND amount >= $2::bigint
    RETURNING pool_id, amount - $2::bigint AS unused)
  UPDATE naive_pool p SET balance = p.balance + h.unused FROM h
  WHERE p.id = h.pool_id RETURNING h.unused`;

export class NaivePostgres {
  private constructor(private readonly pool: pg.Pool) {}

  /** Fresh tables and a full balance; the pool is sized for `callers`. */
  static async open(url: string, callers: number): Promise<NaivePostgres> {
    const pool = new pg.Pool({
      connectionString: url,
      max: Math.min(callers, naiveConnectionsMax),
    });
    await pool.query(`DROP TABLE IF EXISTS naive_hold; DROP TABLE IF EXISTS naive_pool;
      CREATE TABLE naive_pool (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
      CREATE TABLE naive_hold (id bigserial PRIMARY KEY, pool_id int NOT NULL,
        amount bigint NOT NULL, status text NOT NULL, captured bigint NOT NULL)`);
    await pool.query("INSERT INTO naive_pool (id, balance) VALUES (1, $1)", [
      naiveBalanceMicros.toString(),
    ]);
    return new NaivePostgres(pool);
  }

  target(amountMicros: bigint, captureMicros: bigint): PairTarget<string> {
    const amount = amountMicros.toString();
    const captured = captureMicros.toString();
    return {
      hold: async () => {
        const { rows } = await this.pool.query<{ id: string }>({
          name: "naive_hold",
          text: holdSql,
          values: [1, amount],
        });
        return rows[0]?.id ?? null;
      },
      capture: async (holdId) => {
        const { rows } = await this.pool.query({
          name: "naive_capture",
          text: captureSql,
          values: [holdId, captured],
        });
        return rows.length === 1;
      },
    };
  }

  async check(): Promise<NaiveCheck> {
    const { rows } = await this.pool.query<{
      balance: string;
      holds: string;
      held: string;
      captured: string;
    }>(`SELECT (SELECT balance FROM naive_pool WHERE id = 1) AS balance, count(*) AS holds,
        coalesce(sum(amount) FILTER (WHERE status = 'held'), 0) AS held,
        coalesce(sum(captured) FILTER (WHERE status = 'captured'), 0) AS captured
      FROM naive_hold`);
    const row = rows[0];
    if (row === undefined) throw new Error("naive check read no row");
    return {
      balance: BigInt(row.balance),
      holds: BigInt(row.holds),
      held: BigInt(row.held),
      captured: BigInt(row.captured),
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
