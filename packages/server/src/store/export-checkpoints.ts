/**
 * Export checkpoints: how far each exporter (named after the stream it fills) has exported each
 * source (the journal's transfers today) of each organization, and which node is exporting it now.
 *
 * A checkpoint moves only forward and only from the value its mover read (a conditional write),
 * so two nodes never both move it past the same rows. A lease shares the organizations out: a
 * node claims an organization before it publishes a page, and the move that follows frees it. A
 * lease that ran out (a node that died mid-page) may be claimed by another node, which then
 * publishes that page again: the stream drops it by message id.
 */
import type { SqlRunner } from "./directory.ts";
import { int, type Row, text } from "./rows.ts";

/** One exporter's checkpoint of one source of one organization. */
export interface ExportKey {
  /** The exporter: the name of the stream it publishes to. */
  readonly exporter: string;
  /** The source exported (`transfers`). */
  readonly source: string;
  readonly organizationId: string;
}

/** An organization with rows past its checkpoint. */
export interface ExportBehind {
  readonly organizationId: string;
  /** The last sequence exported (0: none). */
  readonly exportedTo: number;
  /** The source's last sequence for the organization. */
  readonly head: number;
}

export interface ExportCheckpointStore {
  /** The last sequence exported (0: none). */
  exportCheckpoint(key: ExportKey): Promise<number>;
  /**
   * Organizations whose `source` rows pass the exporter's checkpoint and that no other node holds
   * a lease on at `now`, by id after `after`, at most `limit`.
   */
  exportsBehind(
    exporter: string,
    source: string,
    now: number,
    limit: number,
    after?: string,
  ): Promise<ExportBehind[]>;
  /**
   * Claims the organization's export for `node` until `leaseUntil` when no other node holds an
   * unexpired lease on it; answers the checkpoint then, null when another node holds it.
   */
  claimExport(
    key: ExportKey,
    node: string,
    now: number,
    leaseUntil: number,
  ): Promise<number | null>;
  /**
   * Moves the checkpoint from `from` to `to` and frees `node`'s lease, in one conditional write;
   * answers false and writes nothing when the checkpoint is no longer `from`.
   */
  moveExportCheckpoint(
    key: ExportKey,
    node: string,
    from: number,
    to: number,
    now: number,
  ): Promise<boolean>;
  /** Frees `node`'s lease, if it still holds it, without moving the checkpoint. */
  releaseExport(key: ExportKey, node: string): Promise<void>;
}

export const exportCheckpointTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE export_checkpoints (
  exporter ${t.text} NOT NULL,
  source ${t.text} NOT NULL,
  organization_id ${t.text} NOT NULL,
  exported_to ${t.big} NOT NULL CHECK (exported_to >= 0),
  leased_by ${t.text} NOT NULL,
  lease_until ${t.big} NOT NULL,
  moved_at ${t.big} NOT NULL,
  PRIMARY KEY (exporter, source, organization_id)
)${t.clustered};
`;

/**
 * Each source's last sequence per organization. A new source (the events outbox) adds its line
 * here and in the memory store's host.
 */
const sourceHeads: Readonly<Record<string, string>> = {
  transfers: "SELECT id AS organization_id, next_sequence - 1 AS head FROM organizations",
  events: "SELECT organization_id, next_sequence - 1 AS head FROM event_streams",
};

function headsOf(source: string): string {
  const sql = sourceHeads[source];
  if (sql === undefined) throw new Error(`no export source named ${source}`);
  return sql;
}

const keyWhere = "exporter = ? AND source = ? AND organization_id = ?";
const keyCells = (key: ExportKey) => [key.exporter, key.source, key.organizationId];

export class SqlExportCheckpoints implements ExportCheckpointStore {
  constructor(private readonly sql: SqlRunner) {}

  async exportCheckpoint(key: ExportKey): Promise<number> {
    const [row] = await this.sql.all(
      `SELECT exported_to FROM export_checkpoints WHERE ${keyWhere}`,
      keyCells(key),
    );
    return row === undefined ? 0 : int(row.exported_to);
  }

  async exportsBehind(
    exporter: string,
    source: string,
    now: number,
    limit: number,
    after = "",
  ): Promise<ExportBehind[]> {
    const rows = await this.sql.all(
      `SELECT s.organization_id, s.head, COALESCE(c.exported_to, 0) AS exported_to
        FROM (${headsOf(source)}) s
        LEFT JOIN export_checkpoints c ON c.exporter = ? AND c.source = ?
          AND c.organization_id = s.organization_id
        WHERE s.organization_id > ? AND s.head > COALESCE(c.exported_to, 0)
          AND COALESCE(c.lease_until, 0) <= ?
        ORDER BY s.organization_id LIMIT ?`,
      [exporter, source, after, now, limit],
    );
    return rows.map((row: Row) => ({
      organizationId: text(row.organization_id),
      exportedTo: int(row.exported_to),
      head: int(row.head),
    }));
  }

  claimExport(key: ExportKey, node: string, now: number, leaseUntil: number) {
    return this.sql.inTransaction(async (run) => {
      // On PostgreSQL a second claimer waits on the row, then sees the first one's lease.
      const [row] = await run(
        `INSERT INTO export_checkpoints
          (exporter, source, organization_id, exported_to, leased_by, lease_until, moved_at)
          VALUES (?, ?, ?, 0, ?, ?, ?)
          ON CONFLICT (exporter, source, organization_id) DO UPDATE
            SET leased_by = excluded.leased_by, lease_until = excluded.lease_until
            WHERE export_checkpoints.lease_until <= ? OR export_checkpoints.leased_by = ?
          RETURNING exported_to`,
        [...keyCells(key), node, leaseUntil, now, now, node],
      );
      return row === undefined ? null : int(row.exported_to);
    });
  }

  moveExportCheckpoint(key: ExportKey, node: string, from: number, to: number, now: number) {
    if (to < from) throw new Error(`an export checkpoint never moves back (${from} to ${to})`);
    return this.sql.inTransaction(async (run) => {
      const moved = await run(
        `UPDATE export_checkpoints SET exported_to = ?, moved_at = ?,
            lease_until = CASE WHEN leased_by = ? THEN 0 ELSE lease_until END,
            leased_by = CASE WHEN leased_by = ? THEN '' ELSE leased_by END
          WHERE ${keyWhere} AND exported_to = ? RETURNING exported_to`,
        [to, now, node, node, ...keyCells(key), from],
      );
      return moved.length > 0;
    });
  }

  async releaseExport(key: ExportKey, node: string): Promise<void> {
    await this.sql.inTransaction((run) =>
      run(
        `UPDATE export_checkpoints SET leased_by = '', lease_until = 0
          WHERE ${keyWhere} AND leased_by = ?`,
        [...keyCells(key), node],
      ),
    );
  }
}
