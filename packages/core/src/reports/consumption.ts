/**
 * Consumption as a report shows it: all its credits, the money of the part grants covered (each
 * credit at its grant's cost basis, exact in 10^-12 currency units) and the credits no grant
 * covered (overage and debt).
 */
import { formatDecimal, type Micros } from "../amount.ts";
import type { UsageBucket } from "./buckets.ts";

export interface Consumption {
  readonly credits: Micros;
  /** 10^-12 currency units: micro-credits × micro-units of currency per credit. */
  readonly money: bigint;
  readonly uncovered: Micros;
}

export const noConsumption: Consumption = { credits: 0n, money: 0n, uncovered: 0n };

export function consumptionOfBucket(bucket: UsageBucket): Consumption {
  return {
    credits: bucket.credits,
    money: bucket.costBasis === null ? 0n : bucket.credits * bucket.costBasis,
    uncovered: bucket.costBasis === null ? bucket.credits : 0n,
  };
}

export function addConsumption(a: Consumption, b: Consumption): Consumption {
  return {
    credits: a.credits + b.credits,
    money: a.money + b.money,
    uncovered: a.uncovered + b.uncovered,
  };
}

export function sumConsumption(buckets: readonly UsageBucket[]): Consumption {
  return buckets.reduce((sum, bucket) => addConsumption(sum, consumptionOfBucket(bucket)), {
    ...noConsumption,
  });
}

/**
 * `part` as a percent of `whole`, rounded half up to 2 decimals, as canonical decimal text
 * ("12.5", "100", "0"); "0" when the whole is 0.
 */
export function percentText(part: bigint, whole: bigint): string {
  if (whole <= 0n) return "0";
  const hundredths = (part * 10_000n * 2n + whole) / (whole * 2n);
  const whole100 = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return fraction === "" ? `${whole100}` : `${whole100}.${fraction}`;
}

/**
 * Money in 10^-12 currency units as currency units with at most 6 decimals, rounded half up (away
 * from zero for a negative amount).
 */
export function moneyText6(picos: bigint): string {
  const magnitude = picos < 0n ? -picos : picos;
  const micros = (magnitude + 500_000n) / 1_000_000n;
  const text = formatDecimal(micros);
  return picos < 0n && micros !== 0n ? `-${text}` : text;
}
