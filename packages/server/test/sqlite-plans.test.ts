/**
 * Loading an organization's state must cost what is live, not its history, and retention must
 * read only the answers it forgets: those SQLite queries go through their partial indexes, whatever
 * the planner would pick for itself.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { pruneQueries, SqliteStore, stateQueries } from "../src/store/sqlite/sqlite-store.ts";

describe("SQLite loads an organization's state through its partial indexes", () => {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-plans-"));
  after(() => rmSync(directory, { recursive: true, force: true }));

  async function planOf(sql: string, ...args: unknown[]): Promise<string> {
    const file = join(directory, "ledger.db");
    await new SqliteStore({ file }).close();
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
      return rows.map((row) => row.detail).join("; ");
    } finally {
      db.close();
    }
  }

  it("reads live grants through grants_live, not every grant by the primary key", async () => {
    assert.match(await planOf(stateQueries.liveGrants, "org"), /USING INDEX grants_live/);
  });

  it("reads the open holds due through holds_due", async () => {
    assert.match(await planOf(stateQueries.openHoldsDue, "org", 0), /USING INDEX holds_due/);
  });

  it("forgets answers through the partial index of their kind, reading only what it forgets", async () => {
    const events = await planOf(pruneQueries.events, 0, 10);
    assert.match(events, /USING (COVERING )?INDEX idempotency_events_created \(created_at<\?\)/);
    const requests = await planOf(pruneQueries.requests, 0, 10);
    assert.match(
      requests,
      /USING (COVERING )?INDEX idempotency_requests_created \(created_at<\?\)/,
    );
  });
});
