/**
 * An amount shared out by weights, by largest remainder: each part is the floor of its exact
 * share, and the micro-credits left go one each to the parts with the largest remainders (ties:
 * the name first in code-point order), so the parts always sum to the amount.
 */
import type { Micros } from "../amount.ts";

/** Parts of `amount` by `weights` (non-positive weights get nothing); [] when no weight is. */
export function largestRemainder(
  amount: Micros,
  weights: Readonly<Record<string, Micros>>,
): [string, Micros][] {
  const named = Object.entries(weights)
    .filter(([, weight]) => weight > 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const whole = named.reduce((sum, [, weight]) => sum + weight, 0n);
  if (whole === 0n) return [];
  const parts = named.map(([name, weight]) => ({
    name,
    share: (amount * weight) / whole,
    remainder: (amount * weight) % whole,
  }));
  let left = amount - parts.reduce((sum, part) => sum + part.share, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (left <= 0n) break;
    part.share += 1n;
    left -= 1n;
  }
  return parts.map((part) => [part.name, part.share]);
}
