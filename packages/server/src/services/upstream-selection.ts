/**
 * Least-used first: which of an organization's upstream accounts the gateway calls next.
 *
 * A window is rolling from its first use: it starts when the first use after it was free is
 * recorded, and resets once its duration has passed from that start (as subscription seats
 * behave). At `now`, a window whose duration has passed counts as unused.
 *
 * An account's headroom is the smallest remaining fraction over its windows and their limits,
 * (max − used) / max; an account without windows, or whose windows set no maximum, has full
 * headroom (1). An account is eligible when it is enabled, of the provider asked, not excluded,
 * not cooling down at `now`, and not exhausted (no limit used up). Among the eligible, the one
 * with the most headroom is chosen; ties go to the least recently used (never used first), then
 * to the lowest id. Fractions are compared exactly, as integers multiplied across.
 */
import type { UpstreamAccountRow, UpstreamUsageRow, UpstreamWindow } from "../store/port.ts";

/** A window of an account as of now: its limits, what it used, and when it resets. */
export interface WindowState {
  readonly window: UpstreamWindow;
  readonly requests: number;
  readonly tokens: number;
  /** When the current window started; null while none is running. */
  readonly startedAt: number | null;
  /** When the current window resets; null while none is running. */
  readonly resetsAt: number | null;
}

/** A fraction num / den with 0 ≤ num ≤ den and den > 0. */
export interface Headroom {
  readonly num: bigint;
  readonly den: bigint;
}

export const fullHeadroom: Headroom = { num: 1n, den: 1n };

/** The windows of an account as of `now`, from the organization's usage rows. */
export function windowStates(
  account: UpstreamAccountRow,
  usage: readonly UpstreamUsageRow[],
  now: number,
): WindowState[] {
  return account.windows.map((window) => {
    const row = usage.find(
      (u) => u.accountId === account.id && u.durationSeconds === window.durationSeconds,
    );
    const resetsAt = row === undefined ? null : row.startedAt + window.durationSeconds * 1000;
    if (row === undefined || resetsAt === null || resetsAt <= now)
      return { window, requests: 0, tokens: 0, startedAt: null, resetsAt: null };
    return {
      window,
      requests: row.requests,
      tokens: row.tokens,
      startedAt: row.startedAt,
      resetsAt,
    };
  });
}

/** The smallest remaining fraction over the windows' limits; 0 once any limit is used up. */
export function headroomOf(windows: readonly WindowState[]): Headroom {
  let least = fullHeadroom;
  for (const state of windows) {
    const pairs: [number | null, number][] = [
      [state.window.maxRequests, state.requests],
      [state.window.maxTokens, state.tokens],
    ];
    for (const [max, used] of pairs) {
      if (max === null) continue;
      const fraction =
        max <= 0
          ? { num: 0n, den: 1n }
          : { num: BigInt(Math.max(0, max - used)), den: BigInt(max) };
      if (compareHeadroom(fraction, least) < 0) least = fraction;
    }
  }
  return least;
}

/** Negative when a has less headroom than b, zero when the same, positive when more. */
export function compareHeadroom(a: Headroom, b: Headroom): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** What the choice weighs of an account. */
export interface Candidate {
  readonly account: UpstreamAccountRow;
  readonly headroom: Headroom;
}

export interface ChoiceRequest {
  readonly provider: string;
  readonly excluded: ReadonlySet<string>;
  readonly now: number;
}

/** Whether the gateway may call through the account now, whatever the others. */
export function eligible(candidate: Candidate, request: ChoiceRequest): boolean {
  const { account } = candidate;
  return (
    account.enabled &&
    account.provider === request.provider &&
    !request.excluded.has(account.id) &&
    (account.coolingUntil === null || account.coolingUntil <= request.now) &&
    candidate.headroom.num > 0n
  );
}

/** Negative when a goes before b: more headroom, then less recently used, then the lower id. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  const byHeadroom = compareHeadroom(b.headroom, a.headroom);
  if (byHeadroom !== 0) return byHeadroom;
  const usedA = a.account.lastUsedAt ?? Number.NEGATIVE_INFINITY;
  const usedB = b.account.lastUsedAt ?? Number.NEGATIVE_INFINITY;
  if (usedA !== usedB) return usedA < usedB ? -1 : 1;
  return a.account.id < b.account.id ? -1 : a.account.id > b.account.id ? 1 : 0;
}

/** The account to call next, or null when none is eligible. */
export function leastUsed(
  accounts: readonly UpstreamAccountRow[],
  usage: readonly UpstreamUsageRow[],
  request: ChoiceRequest,
): UpstreamAccountRow | null {
  let best: Candidate | null = null;
  for (const account of accounts) {
    const candidate = { account, headroom: headroomOf(windowStates(account, usage, request.now)) };
    if (!eligible(candidate, request)) continue;
    if (best === null || compareCandidates(candidate, best) < 0) best = candidate;
  }
  return best?.account ?? null;
}
