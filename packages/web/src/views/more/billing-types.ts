/** Billing's answers as the billing view reads them: money is integer minor units, as a string. */

export interface Plan {
  readonly id: string;
  readonly version: number;
  readonly scope: "operator" | "organization";
  readonly name: string;
  readonly currency: string;
  readonly interval: string;
  readonly base_price: string;
  readonly seat_price: string;
  readonly credits_per_seat: string;
  readonly credits_per_organization: string;
  readonly overage_price: string;
}

export interface Subscription {
  readonly id: string;
  readonly plan: string;
  readonly plan_version: number;
  readonly pool: string;
  readonly seats: number;
  /** Seats of each of the plan's tiers, by tier id; absent from a server without tiers. */
  readonly tier_seats?: Readonly<Record<string, number>>;
  readonly status: "active" | "canceled";
  readonly cancel_at_period_end: boolean;
  readonly pending_plan: { readonly plan: string; readonly plan_version: number } | null;
  readonly current_period: {
    readonly start: string;
    readonly end: string;
    readonly included_credits: string;
    readonly invoice: string | null;
  };
}

export interface InvoiceLine {
  readonly id: string;
  readonly kind: string;
  readonly description: string;
  readonly quantity: number;
  readonly amount: string;
  readonly from: string;
  readonly to: string;
}

export interface Invoice {
  readonly id: string;
  readonly subscription: string;
  readonly number: string | null;
  readonly status: "draft" | "finalized" | "paid" | "void";
  readonly currency: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly lines: readonly InvoiceLine[];
  readonly total: string;
  readonly finalized_at: string | null;
}
