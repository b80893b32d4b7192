/**
 * The shapes of the API answers these views read, as far as they read them (the OpenAPI
 * description and the reports contract have the whole of each). Credits and money are decimal
 * strings; billing's money is integer minor units as a string.
 */

export interface Page<T> {
  readonly object: "list";
  readonly data: readonly T[];
  readonly has_more: boolean;
}

export interface Figures {
  readonly credits: string;
  readonly money: string;
  readonly uncovered: string;
}

export interface ReportStamp {
  readonly currency: string | null;
  readonly summed_to_sequence: number;
  readonly complete: boolean;
}

export interface UsageGroup extends Figures {
  readonly group: string;
  readonly name: string | null;
}

export interface UsageRow extends Figures {
  readonly start: string;
  readonly end: string;
  readonly group: string;
}

export interface UsageReport extends ReportStamp {
  readonly object: "usage_report";
  readonly from: string;
  readonly to: string;
  readonly interval: string;
  readonly group_by: string;
  readonly tag: string | null;
  readonly pool: string;
  readonly total: Figures;
  readonly groups: readonly UsageGroup[];
  readonly rows: readonly UsageRow[];
}

export type PricingModel = "per_seat" | "credit_based" | "hybrid";

export interface BuyersMath {
  readonly object: "buyers_math";
  readonly currency?: string | null;
  readonly inputs: Readonly<Record<string, string | number | null>>;
  readonly members: number;
  readonly usage: {
    readonly total: string;
    readonly per_member_average: string;
    readonly per_member_max: string;
  };
  readonly costs: Readonly<Record<PricingModel, string>>;
  readonly cheapest: PricingModel;
  readonly curve: readonly ({
    readonly scale: string | number;
    readonly credits_per_member: string;
  } & Readonly<Record<PricingModel, string>>)[];
  readonly break_even: readonly {
    readonly between: readonly [PricingModel, PricingModel];
    readonly credits_per_member: string | null;
  }[];
}

export interface PoolingFigures {
  readonly served: string;
  readonly blocked: string;
  readonly stranded: string;
}

export interface PoolingReport {
  readonly object: "pooling";
  readonly from: string;
  readonly to: string;
  readonly pool: string;
  readonly capacity: string;
  readonly members: number;
  readonly quota_per_member: string;
  readonly pooled: PoolingFigures;
  readonly siloed: PoolingFigures & { readonly members_blocked: number };
  readonly per_member: readonly (PoolingFigures & {
    readonly member: string | null;
    readonly name: string | null;
    readonly usage: string;
    readonly quota: string;
    readonly blocked_at: string | null;
  })[];
  readonly series: readonly {
    readonly date: string;
    readonly pooled_served: string;
    readonly siloed_served: string;
  }[];
}

export interface PoolSummary {
  readonly id: string;
  readonly name: string;
  readonly parent: string | null;
}
