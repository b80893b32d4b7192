/**
 * Routing policies: how the gateway picks a model for a pool's requests. One policy a pool at
 * most (unique per organization and pool), which applies to the pool's subtree unless a nearer
 * pool has its own. Policies change by compare-and-set on their `version`; every change writes
 * its audit record in its own transaction (a creation's on the answer it stores).
 */
import { type ComplexityTier, invariant, limits } from "@creditpool/core";
import { type AuditEntry, appendAudit } from "./audit.ts";
import {
  type Columns,
  cellsOf,
  insertSql,
  isUniqueViolation,
  rowOf,
  updateCells,
  updateSql,
} from "./columns.ts";
import { claimAnswer, type Page, type ScopedAnswer, type SqlRunner } from "./directory.ts";
import type { StoredAnswer } from "./records.ts";
import { bool, type Cell, int, type Row, text } from "./rows.ts";

export type RoutingTiers = Readonly<Record<ComplexityTier, readonly string[]>>;

/** What the gateway does when output would pass the hold mid-stream; the gateway reads it. */
export const onLimitChoices = ["end_stream", "extend"] as const;
export type OnLimit = (typeof onLimitChoices)[number];

/**
 * Step down one tier while the pool's `available` is below `below` credits (micro-credits), or
 * below `belowPercent` percent of the policy's pool's limit. Exactly one of the two is set.
 */
export interface LowBalanceRule {
  readonly below: bigint | null;
  readonly belowPercent: number | null;
  readonly stepDown: boolean;
}

export interface RoutingPolicyRow {
  readonly organizationId: string;
  readonly id: string;
  readonly poolId: string;
  /** A preference list of models per tier, first preferred. */
  readonly tiers: RoutingTiers;
  readonly defaultTier: ComplexityTier;
  /** Route every request, not only those asking for `auto`. */
  readonly routeAll: boolean;
  readonly lowBalance: LowBalanceRule | null;
  readonly onLimit: OnLimit;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
}

/** Why an insert wrote nothing: the answer stored first, or the pool's policy already there. */
export type RoutingPolicyInsert = StoredAnswer | "pool_has_policy" | null;

/** The routing policies' part of the store port. */
export interface RoutingPolicyStore {
  /**
   * Writes the policy and claims the answer (with its audit record) in one transaction; answers
   * the stored answer when the key is taken, `pool_has_policy` when the pool has one, else null.
   */
  insertRoutingPolicy(
    row: RoutingPolicyRow,
    answer: ScopedAnswer | null,
  ): Promise<RoutingPolicyInsert>;
  readRoutingPolicy(organizationId: string, id: string): Promise<RoutingPolicyRow | null>;
  /** An organization's policies by id, after `startingAfter`, at most `limit`. */
  listRoutingPolicies(organizationId: string, page: Page): Promise<RoutingPolicyRow[]>;
  /** The policies of the given pools (at most `limits.poolDepthMax`: a path), in no order. */
  routingPoliciesOfPools(
    organizationId: string,
    poolIds: readonly string[],
  ): Promise<RoutingPolicyRow[]>;
  /** Writes `next` and its audit record only at `expectedVersion`; answers whether it did. */
  updateRoutingPolicy(
    next: RoutingPolicyRow,
    expectedVersion: number,
    audit: AuditEntry,
  ): Promise<boolean>;
  /** Deletes the policy and writes its audit record only at `expectedVersion`. */
  deleteRoutingPolicy(
    organizationId: string,
    id: string,
    expectedVersion: number,
    audit: AuditEntry,
  ): Promise<boolean>;
}

/** What every store checks of a policy before it writes it: programmer errors, not input. */
export function checkRoutingPolicy(row: RoutingPolicyRow, expectedVersion?: number): void {
  for (const models of Object.values(row.tiers))
    invariant(
      models.length >= 1 && models.length <= limits.routingModelsPerTierMax,
      "a tier lists from one model to its maximum",
    );
  const low = row.lowBalance;
  invariant(
    low === null || (low.below === null) !== (low.belowPercent === null),
    "a low-balance rule has one threshold",
  );
  if (expectedVersion !== undefined)
    invariant(row.version === expectedVersion + 1, "a routing policy's next version follows");
}

interface StoredLowBalance {
  readonly below?: string;
  readonly below_percent?: number;
  readonly step_down: boolean;
}

function lowBalanceText(rule: LowBalanceRule | null): string | null {
  if (rule === null) return null;
  const stored: StoredLowBalance =
    rule.below === null
      ? { below_percent: rule.belowPercent ?? 0, step_down: rule.stepDown }
      : { below: String(rule.below), step_down: rule.stepDown };
  return JSON.stringify(stored);
}

function lowBalanceOf(cell: Cell | undefined): LowBalanceRule | null {
  if (cell === null || cell === undefined) return null;
  const stored = JSON.parse(text(cell)) as StoredLowBalance;
  return {
    below: stored.below === undefined ? null : BigInt(stored.below),
    belowPercent: stored.below_percent ?? null,
    stepDown: stored.step_down,
  };
}

const columns: Columns<RoutingPolicyRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  poolId: ["pool_id", text],
  tiers: ["tiers", (cell) => JSON.parse(text(cell)) as RoutingTiers],
  defaultTier: ["default_tier", (cell) => text(cell) as ComplexityTier],
  routeAll: ["route_all", bool],
  lowBalance: ["low_balance", lowBalanceOf],
  onLimit: ["on_limit", (cell) => text(cell) as OnLimit],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
  version: ["version", int],
};

/** A policy's cells: tiers and the low-balance rule as JSON text, a flag as 0 or 1. */
function cells(row: RoutingPolicyRow): Cell[] {
  const stored = {
    ...row,
    tiers: JSON.stringify(row.tiers),
    routeAll: row.routeAll ? 1 : 0,
    lowBalance: lowBalanceText(row.lowBalance),
  };
  return cellsOf(columns as unknown as Columns<typeof stored>, stored);
}

const rowToPolicy = (row: Row) => rowOf(columns, row);
const insertPolicySql = insertSql("routing_policies", columns);
const updatePolicySql = updateSql("routing_policies", columns);

/** Rolls a transaction back when the version moved. */
class Refused extends Error {}

export class SqlRoutingPolicies implements RoutingPolicyStore {
  constructor(private readonly sql: SqlRunner) {}

  async insertRoutingPolicy(
    row: RoutingPolicyRow,
    answer: ScopedAnswer | null,
  ): Promise<RoutingPolicyInsert> {
    checkRoutingPolicy(row);
    try {
      return await this.sql.inTransaction(async (run) => {
        const stored = answer === null ? null : await claimAnswer(run, answer);
        if (stored === null) await run(insertPolicySql, cells(row));
        return stored;
      });
    } catch (error) {
      // The answer's claim came first, so only the pool's unique policy can be violated here.
      if (isUniqueViolation(error)) return "pool_has_policy";
      throw error;
    }
  }

  async readRoutingPolicy(organizationId: string, id: string) {
    const sql = "SELECT * FROM routing_policies WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToPolicy(row);
  }

  async listRoutingPolicies(organizationId: string, page: Page) {
    const sql =
      "SELECT * FROM routing_policies WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?";
    const rows = await this.sql.all(sql, [organizationId, page.startingAfter ?? "", page.limit]);
    return rows.map(rowToPolicy);
  }

  async routingPoliciesOfPools(organizationId: string, poolIds: readonly string[]) {
    invariant(poolIds.length <= limits.poolDepthMax, "a path's pools at most");
    if (poolIds.length === 0) return [];
    const marks = poolIds.map(() => "?").join(", ");
    const rows = await this.sql.all(
      `SELECT * FROM routing_policies WHERE organization_id = ? AND pool_id IN (${marks})`,
      [organizationId, ...poolIds],
    );
    return rows.map(rowToPolicy);
  }

  async updateRoutingPolicy(next: RoutingPolicyRow, expectedVersion: number, audit: AuditEntry) {
    checkRoutingPolicy(next, expectedVersion);
    return this.conditionally(async (run) => {
      const updated = await run(updatePolicySql, updateCells(cells(next), expectedVersion));
      if (updated.length === 0) throw new Refused();
      await appendAudit(run, [audit]);
    });
  }

  async deleteRoutingPolicy(
    organizationId: string,
    id: string,
    expectedVersion: number,
    audit: AuditEntry,
  ) {
    return this.conditionally(async (run) => {
      const deleted = await run(
        `DELETE FROM routing_policies WHERE organization_id = ? AND id = ? AND version = ?
          RETURNING id`,
        [organizationId, id, expectedVersion],
      );
      if (deleted.length === 0) throw new Refused();
      await appendAudit(run, [audit]);
    });
  }

  private async conditionally(work: Parameters<SqlRunner["inTransaction"]>[0]) {
    try {
      await this.sql.inTransaction(work);
      return true;
    } catch (error) {
      if (error instanceof Refused) return false;
      throw error;
    }
  }
}

/** Migration 23: routing policies, one a pool. */
export const routingPolicyTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE routing_policies (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  tiers ${t.text} NOT NULL,
  default_tier ${t.text} NOT NULL CHECK (default_tier IN ('light', 'standard', 'heavy')),
  route_all ${t.big} NOT NULL CHECK (route_all IN (0, 1)),
  low_balance ${t.text},
  on_limit ${t.text} NOT NULL CHECK (on_limit IN ('end_stream', 'extend')),
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE UNIQUE INDEX routing_policies_pool ON routing_policies (organization_id, pool_id);
`;
