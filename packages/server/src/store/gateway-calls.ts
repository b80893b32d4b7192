/**
 * The gateway's call log: one row per call that reached a hold, written when the call ends (its
 * usage captured or its hold released), with who called, through which upstream account, the
 * model asked for and the one that ran, the caller's tags and what it cost. The ledger has the
 * credits; this says what they were for.
 */
import { invariant } from "@creditpool/core";
import { type Columns, cellsOf, insertSql, rowOf } from "./columns.ts";
import type { Page, SqlRunner } from "./directory.ts";
import { big, bool, type Cell, int, intOrNull, type Row, text, textOrNull } from "./rows.ts";

export const gatewayCallStatuses = [
  /** Upstream answered; its usage was captured. */
  "completed",
  /** Upstream failed before any output: the hold was released. */
  "failed",
  /** The client went away mid-stream: what upstream produced was captured. */
  "disconnected",
  /** Upstream cut the stream: what was streamed was counted and captured. */
  "cut",
  /** Output reached the hold and it could not grow: the stream was ended cleanly. */
  "ended_at_limit",
] as const;
export type GatewayCallStatus = (typeof gatewayCallStatuses)[number];

export interface GatewayCallRow {
  readonly organizationId: string;
  readonly id: string;
  readonly poolId: string;
  readonly keyId: string;
  readonly memberId: string | null;
  readonly provider: string;
  readonly endpoint: string;
  readonly requestedModel: string;
  readonly model: string;
  readonly upstreamId: string | null;
  /** The caller's tags, as a JSON object of short strings. */
  readonly tags: string;
  /** The holds the call drew on, in order: the first, then any extensions. */
  readonly holdIds: readonly string[];
  /** The usage settled, as a JSON object of meter quantities. */
  readonly usage: string;
  readonly credits: bigint;
  readonly status: GatewayCallStatus;
  readonly finishReason: string | null;
  readonly stream: boolean;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

export interface GatewayCallFilter {
  readonly poolId?: string;
  readonly keyId?: string;
  readonly memberId?: string;
}

export interface GatewayCallStore {
  /** Writes the calls in one transaction: a batch of calls that ended together, one commit. */
  insertGatewayCalls(rows: readonly GatewayCallRow[]): Promise<void>;
  readGatewayCall(organizationId: string, id: string): Promise<GatewayCallRow | null>;
  /** Newest first: ids are ULIDs, so `startingAfter` pages back in time. */
  listGatewayCalls(
    organizationId: string,
    filter: GatewayCallFilter,
    page: Page,
  ): Promise<GatewayCallRow[]>;
}

export function checkGatewayCall(row: GatewayCallRow): void {
  invariant(row.holdIds.length > 0, "a logged call drew on a hold");
  invariant(row.credits >= 0n, "a call's credits are not negative");
  invariant(gatewayCallStatuses.includes(row.status), "a call's status is known");
}

const columns: Columns<GatewayCallRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  poolId: ["pool_id", text],
  keyId: ["key_id", text],
  memberId: ["member_id", textOrNull],
  provider: ["provider", text],
  endpoint: ["endpoint", text],
  requestedModel: ["requested_model", text],
  model: ["model", text],
  upstreamId: ["upstream_id", textOrNull],
  tags: ["tags", text],
  holdIds: ["hold_ids", (cell) => JSON.parse(text(cell)) as string[]],
  usage: ["usage", text],
  credits: ["credits", big],
  status: ["status", (cell) => text(cell) as GatewayCallStatus],
  finishReason: ["finish_reason", textOrNull],
  stream: ["stream", bool],
  startedAt: ["started_at", int],
  endedAt: ["ended_at", intOrNull],
};

function cells(row: GatewayCallRow): Cell[] {
  const stored = { ...row, holdIds: JSON.stringify(row.holdIds) };
  return cellsOf(columns as unknown as Columns<typeof stored>, stored);
}

const rowToCall = (row: Row) => rowOf(columns, row);
const insertCallSql = insertSql("gateway_calls", columns);

export class SqlGatewayCalls implements GatewayCallStore {
  constructor(private readonly sql: SqlRunner) {}

  async insertGatewayCalls(rows: readonly GatewayCallRow[]): Promise<void> {
    for (const row of rows) checkGatewayCall(row);
    await this.sql.inTransaction(async (run) => {
      for (const row of rows) await run(insertCallSql, cells(row));
    });
  }

  async readGatewayCall(organizationId: string, id: string) {
    const sql = "SELECT * FROM gateway_calls WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToCall(row);
  }

  async listGatewayCalls(organizationId: string, filter: GatewayCallFilter, page: Page) {
    const conditions: [string, string | undefined][] = [
      ["id < ?", page.startingAfter],
      ["pool_id = ?", filter.poolId],
      ["key_id = ?", filter.keyId],
      ["member_id = ?", filter.memberId],
    ];
    const where = ["organization_id = ?"];
    const params: Cell[] = [organizationId];
    for (const [condition, value] of conditions) {
      if (value === undefined) continue;
      where.push(condition);
      params.push(value);
    }
    const rows = await this.sql.all(
      `SELECT * FROM gateway_calls WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`,
      [...params, page.limit],
    );
    return rows.map(rowToCall);
  }
}

/** Migration 24: the gateway's call log. */
export const gatewayCallTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE gateway_calls (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  key_id ${t.text} NOT NULL,
  member_id ${t.text},
  provider ${t.text} NOT NULL,
  endpoint ${t.text} NOT NULL,
  requested_model ${t.text} NOT NULL,
  model ${t.text} NOT NULL,
  upstream_id ${t.text},
  tags ${t.text} NOT NULL,
  hold_ids ${t.text} NOT NULL,
  usage ${t.text} NOT NULL,
  credits ${t.big} NOT NULL CHECK (credits >= 0),
  status ${t.text} NOT NULL,
  finish_reason ${t.text},
  stream ${t.big} NOT NULL CHECK (stream IN (0, 1)),
  started_at ${t.big} NOT NULL,
  ended_at ${t.big},
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX gateway_calls_pool ON gateway_calls (organization_id, pool_id, id);
`;
