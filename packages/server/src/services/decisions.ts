/**
 * Decision records: why a hold was refused (or usage flagged), as the engine saw it at that
 * moment. A key bound to a pool sees the records of holds asked in its subtree, and of their
 * evidence only the pools it reaches: the figures of the pools above it stay unseen.
 */
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { DecisionFilter, DecisionRow } from "../store/port.ts";
import type { ServiceContext } from "./context.ts";
import { type PageRequest, storePage, visiblePage } from "./pages.ts";

export type { DecisionFilter, DecisionRow };

/** A decision with its evidence parsed, cut to what the key may see. */
export interface Decision extends Omit<DecisionRow, "evidence"> {
  readonly evidence: Record<string, unknown>;
}

export class DecisionService {
  constructor(private readonly context: ServiceContext) {}

  /** Newest first, filtered; one more than the page for `has_more`. */
  async list(principal: Principal, filter: DecisionFilter, page: PageRequest): Promise<Decision[]> {
    const organizationId = requirePermission(principal, "decisions.read");
    if (filter.poolId !== undefined)
      await this.context.tree.require(principal, organizationId, filter.poolId);
    const rows = await visiblePage(
      (after, limit) =>
        this.context.store.listDecisions(organizationId, filter, storePage(after, limit)),
      (row) => this.context.tree.reaches(principal, organizationId, row.holdPoolId),
      page,
    );
    return Promise.all(rows.map((row) => this.visible(principal, organizationId, row)));
  }

  async read(principal: Principal, id: string): Promise<Decision> {
    const organizationId = requirePermission(principal, "decisions.read");
    const row = await this.context.store.readDecision(organizationId, id);
    if (
      row === null ||
      !(await this.context.tree.reaches(principal, organizationId, row.holdPoolId))
    )
      throw new Refusal("decision_not_found", undefined, "id");
    return this.visible(principal, organizationId, row);
  }

  /** The record with its evidence's path cut to the pools the key reaches. */
  private async visible(
    principal: Principal,
    organizationId: string,
    row: DecisionRow,
  ): Promise<Decision> {
    const evidence = JSON.parse(row.evidence) as Record<string, unknown>;
    if (principal.poolId !== null && Array.isArray(evidence.path)) {
      const path: unknown[] = [];
      for (const entry of evidence.path as { pool: string }[]) {
        if (await this.context.tree.reaches(principal, organizationId, entry.pool))
          path.push(entry);
      }
      evidence.path = path;
      delete evidence.drawable_from_grants;
      delete evidence.unused_overage;
      // What a pool above the key's reach set (its cap, allow-list, throttle, gate) stays unseen.
      if (!(await this.context.tree.reaches(principal, organizationId, row.poolId))) {
        for (const field of ["cap", "model", "soft_throttle", "approval_above", "rate"])
          delete evidence[field];
      }
      const carrier = evidence.carrier;
      if (
        typeof carrier === "string" &&
        !(await this.context.tree.reaches(principal, organizationId, carrier))
      )
        delete evidence.carrier;
    }
    return { ...row, evidence };
  }
}
