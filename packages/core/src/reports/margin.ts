/**
 * The margin of consumption: what its credits brought in (revenue: each credit at the cost basis
 * of the grant that paid it, exact in 10^-12 currency units, as the revenue report counts money)
 * against what the priced work cost the vendor at its provider (micro-units of the rate cards'
 * cost currency), by group, from usage buckets. Credits no grant paid (overage, debt) bring no
 * revenue here and are stated as `uncovered`; credits whose work had no provider cost on its rate
 * card are stated as `uncosted`.
 */
import type { Micros } from "../amount.ts";
import type { UsageBucket } from "./buckets.ts";

export interface MarginFigure {
  readonly credits: Micros;
  /** 10^-12 currency units: micro-credits × micro-units of currency per credit. */
  readonly revenue: bigint;
  readonly uncovered: Micros;
  /** Micro-units of the cost currency. */
  readonly providerCost: Micros;
  /** Credits of work that carried no provider cost. */
  readonly uncosted: Micros;
}

export interface MarginGroup {
  readonly group: string;
  readonly figure: MarginFigure;
}

export const noMargin: MarginFigure = {
  credits: 0n,
  revenue: 0n,
  uncovered: 0n,
  providerCost: 0n,
  uncosted: 0n,
};

const picosPerMicro = 1_000_000n;

export function marginOfBucket(bucket: UsageBucket): MarginFigure {
  return {
    credits: bucket.credits,
    revenue: bucket.costBasis === null ? 0n : bucket.credits * bucket.costBasis,
    uncovered: bucket.costBasis === null ? bucket.credits : 0n,
    providerCost: bucket.providerCost,
    uncosted: bucket.credits - bucket.costedCredits,
  };
}

export function addMargin(a: MarginFigure, b: MarginFigure): MarginFigure {
  return {
    credits: a.credits + b.credits,
    revenue: a.revenue + b.revenue,
    uncovered: a.uncovered + b.uncovered,
    providerCost: a.providerCost + b.providerCost,
    uncosted: a.uncosted + b.uncosted,
  };
}

/**
 * Buckets summed by group (`groupOf` null: left out), largest credits first, then by name;
 * groups with neither credits nor cost are dropped.
 */
export function sumMarginByGroup(
  buckets: readonly UsageBucket[],
  groupOf: (bucket: UsageBucket) => string | null,
): MarginGroup[] {
  const sums = new Map<string, MarginFigure>();
  for (const bucket of buckets) {
    const group = groupOf(bucket);
    if (group === null) continue;
    sums.set(group, addMargin(sums.get(group) ?? noMargin, marginOfBucket(bucket)));
  }
  return [...sums]
    .map(([group, figure]) => ({ group, figure }))
    .filter(({ figure }) => figure.credits !== 0n || figure.providerCost !== 0n)
    .sort((a, b) =>
      a.figure.credits !== b.figure.credits
        ? a.figure.credits > b.figure.credits
          ? -1
          : 1
        : a.group < b.group
          ? -1
          : a.group > b.group
            ? 1
            : 0,
    );
}

export function totalMargin(groups: readonly MarginGroup[]): MarginFigure {
  return groups.reduce((sum, { figure }) => addMargin(sum, figure), noMargin);
}

/** Revenue less provider cost, in 10^-12 currency units (negative when the work lost money). */
export function marginPicos(figure: MarginFigure): bigint {
  return figure.revenue - figure.providerCost * picosPerMicro;
}

/**
 * The margin as a percent of revenue, rounded half away from zero to 2 decimals, as canonical
 * decimal text ("37.5", "-12", "0"); null when there is no revenue to take a percent of.
 */
export function marginPercentText(figure: MarginFigure): string | null {
  if (figure.revenue <= 0n) return null;
  const margin = marginPicos(figure);
  const magnitude = margin < 0n ? -margin : margin;
  const hundredths = (magnitude * 10_000n * 2n + figure.revenue) / (figure.revenue * 2n);
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  const text = fraction === "" ? `${whole}` : `${whole}.${fraction}`;
  return margin < 0n && hundredths !== 0n ? `-${text}` : text;
}
