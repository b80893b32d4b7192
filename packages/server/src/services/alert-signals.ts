/**
 * Abuse signals: alert figures that watch how a pool is used rather than how much is left.
 *
 * - `key_spread`: one key naming many distinct members on its holds within the window (a key
 *   shared between people, or a service key acting for everyone). One figure per key, the count
 *   of members; the alert names the key.
 * - `burn_spike`: the subtree's consumption within the window as a percentage of what the same
 *   length of window consumed on average over the pool's own history before it (the last
 *   `alertSpikeBaselineDays`). A pool with less than `alertSpikeBaselineHoursMin` of history, or
 *   one that burned nothing before, has no baseline and no figure.
 * - `outcome_split`: how many outcome-keyed usage events of at most `small_at_most` credits the
 *   subtree reported within the window: one outcome split into many tiny ones, to pass under a
 *   soft throttle's size or an approval gate, or to bill one piece of work many times.
 *
 * Each reads at most `alertSignalRowsReadMax` of the newest rows in its window (its evidence says
 * when it stopped there) through an index led by the organization. A signal's period is the UTC
 * day: an alert is raised once per threshold, subject and day, and resolves by itself when its
 * figure falls back.
 */
import {
  formatDecimal,
  type LedgerState,
  limits,
  type Micros,
  periodEnd,
  periodStart,
} from "@creditpool/core";
import { decodeAnswer } from "../engine/answer-codec.ts";
import type { AlertRuleRow, KeyedHold, OutcomeAnswer } from "../store/port.ts";
import { type Figure, percentWhole, subtreeIds } from "./alert-figures.ts";
import type { ServiceContext } from "./context.ts";
import type { LedgerTotals } from "./ledger-totals.ts";

const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** One member, one outcome: counts are kept in micro-units, as every figure is. */
const one = 1_000_000n;

const iso = (at: number) => new Date(at).toISOString();

/** The span a signal looks at: [now − window, now], the batch at `now` included. */
export function signalWindow(rule: AlertRuleRow, now: number): { from: number; to: number } {
  const hours = rule.windowHours ?? limits.alertSignalWindowHoursDefault;
  return { from: now - hours * hourMs, to: now + 1 };
}

function signalPeriod(now: number) {
  return { periodStart: periodStart(now, "day"), periodEnd: periodEnd(now, "day") };
}

/** The first `limits.alertSignalSampleMax` of a set, sorted, so evidence reads the same twice. */
function sample(values: Iterable<string>): string[] {
  return [...values].sort().slice(0, limits.alertSignalSampleMax);
}

/** A count as a figure, kept within its bound. */
function countFigure(count: number): bigint {
  return BigInt(Math.min(count, limits.alertSignalCountMax)) * one;
}

/**
 * One figure per key that named at least one member on a hold at a pool of `pools`, its count
 * of distinct members; `read` is how many holds were read (all of the window's, unless it is
 * `alertSignalRowsReadMax`).
 */
export function keySpreadFigures(
  holds: readonly KeyedHold[],
  pools: ReadonlySet<string>,
  window: { from: number; to: number },
  now: number,
): Figure[] {
  const byKey = new Map<string, { members: Set<string>; pools: Set<string> }>();
  for (const hold of holds) {
    if (hold.memberId === null || !pools.has(hold.poolId)) continue;
    let seen = byKey.get(hold.keyId);
    if (seen === undefined) {
      seen = { members: new Set(), pools: new Set() };
      byKey.set(hold.keyId, seen);
    }
    seen.members.add(hold.memberId);
    seen.pools.add(hold.poolId);
  }
  const truncated = holds.length >= limits.alertSignalRowsReadMax;
  return [...byKey].map(([keyId, seen]) => ({
    ...signalPeriod(now),
    observed: countFigure(seen.members.size),
    forecast: null,
    subject: keyId,
    evidence: {
      key: keyId,
      members: seen.members.size,
      member_sample: sample(seen.members),
      pools: sample(seen.pools),
      window: { from: iso(window.from), to: iso(window.to - 1) },
      holds_read: holds.length,
      truncated,
    },
  }));
}

/** What a burn spike compares: the window's consumption and its pool's history before it. */
export interface BurnFigures {
  readonly window: { from: number; to: number };
  readonly consumed: Micros;
  readonly baseline: { from: number; to: number; consumed: Micros };
}

/**
 * The window's consumption as a percentage of the baseline's average per window of the same
 * length; null while the baseline is shorter than `alertSpikeBaselineHoursMin` or burned nothing.
 */
export function burnSpikeFigure(burn: BurnFigures, now: number): Figure | null {
  const { window, baseline } = burn;
  const baselineMs = BigInt(baseline.to - baseline.from);
  if (baselineMs < BigInt(limits.alertSpikeBaselineHoursMin * hourMs)) return null;
  const windowMs = BigInt(window.to - window.from);
  const perWindow = (baseline.consumed * windowMs) / baselineMs;
  if (perWindow <= 0n) return null;
  const share = (burn.consumed * percentWhole) / perWindow;
  return {
    ...signalPeriod(now),
    observed: share < limits.amountMicrosMax ? share : limits.amountMicrosMax,
    forecast: null,
    subject: null,
    evidence: {
      window: { from: iso(window.from), to: iso(window.to - 1) },
      consumed: formatDecimal(burn.consumed),
      baseline: {
        from: iso(baseline.from),
        to: iso(baseline.to),
        consumed: formatDecimal(baseline.consumed),
        per_window: formatDecimal(perWindow),
      },
    },
  };
}

/**
 * The count of outcomes of at most `smallAtMost` reported at pools of `pools`, with their sum,
 * the smallest and largest, the pools that reported most and the newest outcome keys.
 */
export function outcomeSplitFigure(
  outcomes: readonly OutcomeAnswer[],
  pools: ReadonlySet<string>,
  smallAtMost: Micros,
  window: { from: number; to: number },
  now: number,
): Figure {
  let credits = 0n;
  let smallest: Micros | null = null;
  let largest: Micros | null = null;
  const keys: string[] = [];
  const byPool = new Map<string, number>();
  for (const outcome of decodedOutcomes(outcomes)) {
    const { poolId, amount } = outcome;
    if (!pools.has(poolId) || amount > smallAtMost) continue;
    credits += amount;
    smallest = smallest === null || amount < smallest ? amount : smallest;
    largest = largest === null || amount > largest ? amount : largest;
    if (keys.length < limits.alertSignalSampleMax) keys.push(outcome.outcomeKey);
    byPool.set(poolId, (byPool.get(poolId) ?? 0) + 1);
  }
  const count = [...byPool.values()].reduce((sum, n) => sum + n, 0);
  const busiest = [...byPool].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
  return {
    ...signalPeriod(now),
    observed: countFigure(count),
    forecast: null,
    subject: null,
    evidence: {
      window: { from: iso(window.from), to: iso(window.to - 1) },
      outcomes: count,
      small_at_most: formatDecimal(smallAtMost),
      credits: formatDecimal(credits),
      smallest: smallest === null ? null : formatDecimal(smallest),
      largest: largest === null ? null : formatDecimal(largest),
      pools: busiest
        .slice(0, limits.alertSignalSampleMax)
        .map(([pool, outcomes]) => ({ pool, outcomes })),
      outcome_sample: keys,
      outcomes_read: outcomes.length,
      truncated: outcomes.length >= limits.alertSignalRowsReadMax,
    },
  };
}

/** An outcome's usage as its stored answer tells it: where, and how much. */
interface DecodedOutcome {
  readonly outcomeKey: string;
  readonly poolId: string;
  readonly amount: Micros;
}

/** Decoded once per list read: every outcome rule of an evaluation shares the same list. */
const decoded = new WeakMap<readonly OutcomeAnswer[], readonly DecodedOutcome[]>();

function decodedOutcomes(outcomes: readonly OutcomeAnswer[]): readonly DecodedOutcome[] {
  let list = decoded.get(outcomes);
  if (list === undefined) {
    list = outcomes.flatMap((outcome) => {
      const answer = decodeAnswer(outcome.answer);
      if (answer.code !== "ok" || answer.result.kind !== "usage") return [];
      const { poolId, amount } = answer.result;
      return [{ outcomeKey: outcome.outcomeKey, poolId, amount }];
    });
    decoded.set(outcomes, list);
  }
  return list;
}

/**
 * What the signal rules of one evaluation read, each window read once for all of them: an
 * organization with many rules costs one read (and one decoding) per distinct window.
 */
export class SignalReadCache {
  private readonly holds = new Map<string, Promise<KeyedHold[]>>();
  private readonly outcomes = new Map<string, Promise<OutcomeAnswer[]>>();

  constructor(
    private readonly context: ServiceContext,
    private readonly organizationId: string,
  ) {}

  keyedHolds(window: { from: number; to: number }): Promise<KeyedHold[]> {
    const key = `${window.from}:${window.to}`;
    let read = this.holds.get(key);
    if (read === undefined) {
      const max = limits.alertSignalRowsReadMax;
      read = this.context.store.keyedHolds(this.organizationId, window.from, window.to, max);
      this.holds.set(key, read);
    }
    return read;
  }

  outcomeAnswers(window: { from: number; to: number }): Promise<OutcomeAnswer[]> {
    const key = `${window.from}:${window.to}`;
    let read = this.outcomes.get(key);
    if (read === undefined) {
      const max = limits.alertSignalRowsReadMax;
      read = this.context.store.outcomeAnswers(this.organizationId, window.from, window.to, max);
      this.outcomes.set(key, read);
    }
    return read;
  }
}

/** The subtree's consumption (consumed, overage and debt) over [from, to), from ledger totals. */
export async function consumedBetween(
  totals: LedgerTotals,
  organizationId: string,
  pools: ReadonlySet<string>,
  from: number,
  to: number,
): Promise<Micros> {
  const span = await totals.between(organizationId, from, to);
  let consumed = 0n;
  for (const total of span.totals) {
    const burns =
      total.measure === "consumed" || total.measure === "overage" || total.measure === "debt";
    if (burns && pools.has(total.poolId)) consumed += total.credits;
  }
  return consumed;
}

/** Reads what each signal needs, bounded, and makes its figures. */
export class AlertSignals {
  constructor(
    private readonly context: ServiceContext,
    private readonly totals: LedgerTotals,
  ) {}

  /** Reads for one evaluation of an organization's rules, shared by them. */
  reads(organizationId: string): SignalReadCache {
    return new SignalReadCache(this.context, organizationId);
  }

  async figures(rule: AlertRuleRow, state: LedgerState, reads: SignalReadCache): Promise<Figure[]> {
    const pool = state.pools.get(rule.poolId);
    if (pool === undefined) return [];
    const now = state.now;
    const pools = subtreeIds(state, rule.poolId);
    const window = signalWindow(rule, now);
    switch (rule.metric) {
      case "key_spread":
        return keySpreadFigures(await reads.keyedHolds(window), pools, window, now);
      case "outcome_split": {
        const outcomes = await reads.outcomeAnswers(window);
        return [outcomeSplitFigure(outcomes, pools, rule.smallAtMost ?? 0n, window, now)];
      }
      case "burn_spike": {
        const from = Math.max(pool.createdAt, window.from - limits.alertSpikeBaselineDays * dayMs);
        const baseline = { from, to: window.from };
        const burn: BurnFigures = {
          window,
          consumed: await consumedBetween(
            this.totals,
            rule.organizationId,
            pools,
            window.from,
            window.to,
          ),
          baseline: {
            ...baseline,
            consumed:
              baseline.from >= baseline.to
                ? 0n
                : await consumedBetween(
                    this.totals,
                    rule.organizationId,
                    pools,
                    baseline.from,
                    baseline.to,
                  ),
          },
        };
        const figure = burnSpikeFigure(burn, now);
        return figure === null ? [] : [figure];
      }
      default:
        return [];
    }
  }
}
