/**
 * Reads of settled objects the engine no longer keeps in memory: one hold, one grant, and grants
 * page by page. Shared by SQLite and PostgreSQL through `SqlRunner`.
 */
import type { Grant, Hold } from "@creditpool/core";
import type { Page, SqlRunner } from "./directory.ts";
import { rowToGrant, rowToHold } from "./rows.ts";

export interface GrantFilter extends Page {
  readonly poolId?: string;
}

export interface LedgerReads {
  readHold(organizationId: string, id: string): Promise<Hold | null>;
  readGrant(organizationId: string, id: string): Promise<Grant | null>;
  listGrants(organizationId: string, filter: GrantFilter): Promise<Grant[]>;
}

export class SqlLedgerReads implements LedgerReads {
  constructor(private readonly sql: SqlRunner) {}

  async readHold(organizationId: string, id: string): Promise<Hold | null> {
    const [row] = await this.sql.all("SELECT * FROM holds WHERE organization_id = ? AND id = ?", [
      organizationId,
      id,
    ]);
    return row === undefined ? null : rowToHold(row);
  }

  async readGrant(organizationId: string, id: string): Promise<Grant | null> {
    const [row] = await this.sql.all("SELECT * FROM grants WHERE organization_id = ? AND id = ?", [
      organizationId,
      id,
    ]);
    return row === undefined ? null : rowToGrant(row);
  }

  async listGrants(organizationId: string, filter: GrantFilter): Promise<Grant[]> {
    const byPool = filter.poolId === undefined ? "" : " AND pool_id = ?";
    const params = [organizationId, filter.startingAfter ?? ""];
    if (filter.poolId !== undefined) params.push(filter.poolId);
    const rows = await this.sql.all(
      `SELECT * FROM grants WHERE organization_id = ? AND id > ?${byPool} ORDER BY id LIMIT ?`,
      [...params, filter.limit],
    );
    return rows.map(rowToGrant);
  }
}
