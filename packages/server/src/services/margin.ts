/**
 * The margin report: per rate-card version, model, meter or department, the credits consumed,
 * the revenue they brought (each credit at its grant's cost basis), the provider cost of the work
 * and the difference, read from the usage buckets like the usage reports: a few rows of one
 * dimension whatever the journal's length, kept to the pool's subtree within the key's reach.
 */
import {
  departmentOf,
  type MarginFigure,
  type MarginGroup,
  sumMarginByGroup,
  totalMargin,
  type UsageBucket,
} from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import type { ServiceContext } from "./context.ts";
import {
  namesOf,
  type Reach,
  type ReportScope,
  readBuckets,
  readSums,
  reportScope,
  requireSpan,
} from "./report-scope.ts";
import { directName } from "./reports.ts";
import type { UsageBuckets } from "./usage-buckets.ts";

export type MarginGroupBy = "rate_card" | "model" | "meter" | "pool";

export interface MarginReport extends Reach {
  readonly from: number;
  readonly to: number;
  readonly poolId: string;
  readonly groupBy: MarginGroupBy;
  /** The revenue's currency: the subscriptions', else the rate cards' cost currency. */
  readonly currency: string | null;
  /** The currency provider costs are in: the rate cards'; null when none has a cost. */
  readonly costCurrency: string | null;
  /** False when revenue and cost are in two currencies: no margin is taken then. */
  readonly comparable: boolean;
  readonly total: MarginFigure;
  readonly groups: readonly (MarginGroup & { readonly name: string | null })[];
}

export class MarginService {
  constructor(
    private readonly context: ServiceContext,
    private readonly buckets: UsageBuckets,
  ) {}

  async report(
    principal: Principal,
    query: { from: number; to: number; groupBy: MarginGroupBy; pool: string | null },
  ): Promise<MarginReport> {
    // The roles that read revenue; a key bound to a pool reads its own subtree's margin.
    requirePermission(principal, "margin.read");
    requireSpan(query);
    const scope = await reportScope(this.context, principal, query.pool);
    const span = { from: query.from, to: query.to, interval: "month" } as const;
    const { rows, reach } =
      query.groupBy === "pool"
        ? await readBuckets(this.buckets, scope, "", span)
        : await readSums(this.buckets, scope, query.groupBy, span);
    const groups = sumMarginByGroup(rows, groupOfFor(scope, query.groupBy));
    const names =
      query.groupBy === "pool"
        ? await namesOf(
            this.context,
            scope,
            "pool",
            groups.map(({ group }) => group),
          )
        : new Map<string, string>();
    const { currency: costCurrency, mixed } = await this.costCurrency(scope.organizationId);
    const currency = scope.currency ?? costCurrency;
    return {
      ...reach,
      from: query.from,
      to: query.to,
      poolId: scope.poolId,
      groupBy: query.groupBy,
      currency,
      costCurrency,
      comparable:
        !mixed && (currency === null || costCurrency === null || currency === costCurrency),
      total: totalMargin(groups),
      groups: groups.map((group) => ({
        ...group,
        // What the pool consumed itself, beside its departments, as the chargeback names it.
        name:
          query.groupBy === "pool" && group.group === scope.poolId
            ? directName
            : (names.get(group.group) ?? null),
      })),
    };
  }

  /** The one cost currency of the rate cards that apply (a scope's versions share one). */
  /**
   * The one currency the organization's provider costs are in, or null: none was ever given, or
   * its own versions and the operator's defaults it was priced by before give two, whose sums
   * the report cannot tell apart, so it shows no margin.
   */
  private async costCurrency(
    organizationId: string,
  ): Promise<{ currency: string | null; mixed: boolean }> {
    const currencies = await this.context.rateCards.costCurrenciesFor(organizationId);
    return {
      currency: currencies.length === 1 ? (currencies[0] ?? null) : null,
      mixed: currencies.length > 1,
    };
  }
}

function groupOfFor(scope: ReportScope, groupBy: MarginGroupBy) {
  if (groupBy !== "pool") return (row: UsageBucket) => row.value;
  return (row: UsageBucket) => departmentOf(scope.parents, scope.poolId, row.poolId);
}
