/**
 * The naive embedded baseline: what an application writes on SQLite without batching. One
 * durable transaction per operation (WAL, synchronous=FULL, BEGIN IMMEDIATE): a hold is the
 * conditional decrement of the hot balance plus the hold row; a capture marks the hold captured
 * and returns the unused part to the balance. better-sqlite3 is synchronous, so concurrent
 * callers in one process take turns: that is the honest naive embedded design.
 */
import Database from "better-sqlite3";
import type { PairTarget } from "./closed-loop.ts";
import { type NaiveCheck, naiveBalanceMicros } from "./naive-check.ts";

export class NaiveSqlite {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = FULL");
    this.db.pragma("busy_timeout = 5000");
    this.db.defaultSafeIntegers(true);
  }

  /** Fresh tables and a full balance; answers the target for one run. */
  reset(amountMicros: bigint, captureMicros: bigint): PairTarget<bigint> {
    const db = this.db;
    db.exec(`DROP TABLE IF EXISTS naive_hold; DROP TABLE IF EXISTS naive_pool;
      CREATE TABLE naive_pool (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0));
      CREATE TABLE naive_hold (id INTEGER PRIMARY KEY, pool_id INTEGER NOT NULL,
        amount INTEGER NOT NULL, status TEXT NOT NULL, captured INTEGER NOT NULL);`);
    db.prepare("INSERT INTO naive_pool (id, balance) VALUES (1, ?)").run(naiveBalanceMicros);
    const debit = db.prepare(
      "UPDATE naive_pool SET balance = balance - ? WHERE id = ? AND balance >= ?",
    );
    const insertHold = db.prepare(
      "INSERT INTO naive_hold (pool_id, amount, status, captured) VALUES (?, ?, 'held', 0)",
    );
    const markCaptured = db.prepare(
      `UPDATE naive_hold SET status = 'captured', captured = ?
        WHERE id = ? AND status = 'held' AND amount >= ? RETURNING pool_id, amount - ? AS unused`,
    );
    const credit = db.prepare("UPDATE naive_pool SET balance = balance + ? WHERE id = ?");
    const hold = db.transaction((poolId: bigint, amount: bigint): bigint | null => {
      if (debit.run(amount, poolId, amount).changes !== 1) return null;
      return BigInt(insertHold.run(poolId, amount).lastInsertRowid);
    });
    const capture = db.transaction((holdId: bigint, amount: bigint): boolean => {
      const row = markCaptured.get(amount, holdId, amount, amount) as
        | { pool_id: bigint; unused: bigint }
        | undefined;
      if (row === undefined) return false;
      if (row.unused > 0n) credit.run(row.unused, row.pool_id);
      return true;
    });
    return {
      hold: async () => hold.immediate(1n, amountMicros),
      capture: async (holdId) => capture.immediate(holdId, captureMicros),
    };
  }

  /** The library's SQLite and the settings every naive transaction runs under. */
  settings(): Record<string, string> {
    const version = this.db.prepare("SELECT sqlite_version() AS v").get() as { v: string };
    return {
      "sqlite version": version.v,
      journal_mode: String(this.db.pragma("journal_mode", { simple: true })),
      synchronous:
        ["OFF", "NORMAL", "FULL", "EXTRA"][
          Number(this.db.pragma("synchronous", { simple: true }))
        ] ?? "unknown",
    };
  }

  /** What left the balance equals what is held plus what was captured. */
  check(): NaiveCheck {
    const pool = this.db.prepare("SELECT balance FROM naive_pool WHERE id = 1").get() as {
      balance: bigint;
    };
    const sums = this.db
      .prepare(
        `SELECT count(*) AS holds,
          coalesce(sum(CASE WHEN status = 'held' THEN amount ELSE 0 END), 0) AS held,
          coalesce(sum(CASE WHEN status = 'captured' THEN captured ELSE 0 END), 0) AS captured
        FROM naive_hold`,
      )
      .get() as { holds: bigint; held: bigint; captured: bigint };
    return { balance: pool.balance, ...sums };
  }

  close(): void {
    this.db.close();
  }
}
