/**
 * Test clocks: an organization made in test mode keeps one, and its owner moves the
 * organization's time forward with it. The row only says that the organization has one; the
 * clock's time is the organization's ledger time (its `last_now`), which the engine keeps.
 * A clock is made only for an organization whose journal is still empty, checked in the insert
 * itself, so no organization with real history ever gets one.
 */
import { claimAnswer, type ScopedAnswer, type SqlRunner } from "./directory.ts";
import type { StoredAnswer } from "./records.ts";
import { int, type Row, text } from "./rows.ts";

export interface TestClockRow {
  readonly organizationId: string;
  readonly id: string;
  readonly createdAt: number;
}

export interface TestClockStore {
  /**
   * Stores the clock if the organization has none and its journal is empty; answers false when
   * not (nothing written), the stored answer when the answer's key replays, else null.
   */
  insertTestClock(
    row: TestClockRow,
    answer: ScopedAnswer | null,
  ): Promise<StoredAnswer | null | false>;
  readTestClock(organizationId: string): Promise<TestClockRow | null>;
  /** A clock by its id, whatever its organization (for the operator's key). */
  findTestClock(id: string): Promise<TestClockRow | null>;
}

export const testClockTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE test_clocks (
  organization_id ${t.text} PRIMARY KEY,
  id ${t.text} NOT NULL UNIQUE,
  created_at ${t.big} NOT NULL
)${t.clustered};
`;

function clockOf(row: Row): TestClockRow {
  return {
    organizationId: text(row.organization_id),
    id: text(row.id),
    createdAt: int(row.created_at),
  };
}

class NotEmpty extends Error {}

export class SqlTestClocks implements TestClockStore {
  constructor(private readonly sql: SqlRunner) {}

  async insertTestClock(row: TestClockRow, answer: ScopedAnswer | null) {
    try {
      return await this.sql.inTransaction(async (run) => {
        const stored = answer === null ? null : await claimAnswer(run, answer);
        if (stored !== null) return stored;
        const inserted = await run(
          `INSERT INTO test_clocks (organization_id, id, created_at)
            SELECT ?, ?, ? WHERE EXISTS (
              SELECT 1 FROM organizations WHERE id = ? AND next_sequence = 1)
            ON CONFLICT (organization_id) DO NOTHING RETURNING id`,
          [row.organizationId, row.id, row.createdAt, row.organizationId],
        );
        if (inserted.length === 0) throw new NotEmpty();
        return null;
      });
    } catch (error) {
      if (error instanceof NotEmpty) return false;
      throw error;
    }
  }

  async readTestClock(organizationId: string): Promise<TestClockRow | null> {
    const [row] = await this.sql.all("SELECT * FROM test_clocks WHERE organization_id = ?", [
      organizationId,
    ]);
    return row === undefined ? null : clockOf(row);
  }

  async findTestClock(id: string): Promise<TestClockRow | null> {
    const [row] = await this.sql.all("SELECT * FROM test_clocks WHERE id = ?", [id]);
    return row === undefined ? null : clockOf(row);
  }
}
