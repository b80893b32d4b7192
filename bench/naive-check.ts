/** The naive baselines keep the same no-overspend books as the engine, checked the same way. */

/** The naive pool's starting balance; as the engine's grant, no run comes near it. */
export const naiveBalanceMicros = 10n ** 15n;

export interface NaiveCheck {
  readonly balance: bigint;
  readonly holds: bigint;
  readonly held: bigint;
  readonly captured: bigint;
}

export interface NaiveVerdict {
  readonly ok: boolean;
  readonly detail: string;
}

export function judgeNaive(check: NaiveCheck): NaiveVerdict {
  const left = naiveBalanceMicros - check.balance;
  const ok = check.balance >= 0n && left === check.held + check.captured;
  const detail = ok
    ? `none: ${check.holds} holds; debited ${left} = held ${check.held} + captured ${check.captured}`
    : `debited ${left} != held ${check.held} + captured ${check.captured} (balance ${check.balance})`;
  return { ok, detail };
}
