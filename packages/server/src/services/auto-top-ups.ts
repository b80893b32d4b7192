/**
 * Auto top-up: a subscription's rule that, when its pool's `available` falls below a threshold,
 * buys a top-up (a pack of the plan's, or an amount at its top-up price), at most a number of
 * times a period, and once per crossing: after a purchase the rule waits until it has seen the
 * pool at or above the threshold again (it re-arms) before it buys again.
 *
 * A purchase is a decision of the subscription like a principal's top-up (`SubscriptionBooks.
 * commit`): one conditional write of the subscription, its rule marked spent, with the grant and
 * the invoice line it calls for. However many checks run at once, on however many nodes, one wins
 * the write; the others read the rule spent and buy nothing. Checks run every second from the job
 * of `creditpool serve`, and on demand.
 */
import { availableAt, formatDecimal, limits, type Micros } from "@creditpool/core";
import { fromBigintJson, toBigintJson } from "../bigint-json.ts";
import { viewOf } from "../engine/outside-batches.ts";
import { Refusal } from "../refusal.ts";
import type { SubscriptionKey, SubscriptionRow } from "../store/billing.ts";

export type { SubscriptionKey } from "../store/billing.ts";

import { systemAuditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { organizationNow } from "./organization-time.ts";
import {
  type Subscription,
  type SubscriptionBooks,
  writeAttemptsMax,
} from "./subscription-books.ts";
import { periodOfRow, planOfRow, topUpState } from "./subscription-periods.ts";
import { decodeState } from "./subscription-records.ts";

/** What a rule buys, and when. */
export interface AutoTopUpRule {
  readonly threshold: Micros;
  /** A pack of the plan's, or (pack null) an amount of credits at its top-up price. */
  readonly pack: string | null;
  readonly credits: Micros | null;
  readonly maxPerPeriod: number;
}

/** The rule with where it stands in the subscription's current period. */
export interface AutoTopUpState extends AutoTopUpRule {
  /** False from a purchase until the pool is seen at or above the threshold again. */
  readonly armed: boolean;
  readonly periodIndex: number;
  readonly purchases: number;
}

export function encodeAutoTopUp(state: AutoTopUpState | null): string | null {
  return state === null ? null : toBigintJson(state);
}

export function decodeAutoTopUp(text: string | null): AutoTopUpState | null {
  return text === null ? null : (fromBigintJson(text) as AutoTopUpState);
}

/**
 * The rule as it stands in `row`'s current period: each period starts armed with no purchases
 * (its included credits are a new start, whether or not a check saw them).
 */
export function autoTopUpOf(row: SubscriptionRow): AutoTopUpState | null {
  const state = decodeAutoTopUp(row.autoTopUp);
  if (state === null || state.periodIndex === row.periodIndex) return state;
  return { ...state, periodIndex: row.periodIndex, purchases: 0, armed: true };
}

/** Subscriptions one pass of the job checks. */
const checksPerPassMax = 100;

export class AutoTopUpService {
  constructor(
    private readonly context: ServiceContext,
    private readonly books: SubscriptionBooks,
  ) {}

  /**
   * Checks one subscription's rule against its pool now: buys when it is armed, under its
   * threshold and under its count for the period; re-arms at or above the threshold. Answers
   * whether it bought.
   */
  async check(organizationId: string, id: string): Promise<boolean> {
    const { engine, store, clock, ids } = this.context;
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      let row = await store.readSubscription(organizationId, id);
      if (row === null || row.status !== "active" || row.autoTopUp === null) return false;
      const plan = await planOfRow(this.context, row);
      row = (await this.books.settle(row, plan)).row;
      const now = await organizationNow(this.context, organizationId);
      if (row.periodEnd <= now) {
        await this.books.renew(row);
        continue;
      }
      const rule = autoTopUpOf(row);
      if (rule === null) return false;
      const view = await viewOf(engine, store, organizationId, clock);
      if (view === null || !view.pools.has(row.poolId)) return false;
      const below = availableAt(view, row.poolId) < rule.threshold;
      const buys = below && rule.armed && rule.purchases < rule.maxPerPeriod;
      const next: AutoTopUpState = buys
        ? { ...rule, armed: false, purchases: rule.purchases + 1 }
        : { ...rule, armed: rule.armed || !below };
      const unchanged = encodeAutoTopUp(next) === row.autoTopUp;
      if (!buys && unchanged) return false;
      let state = null;
      if (buys) {
        const purchase = rule.pack === null ? { credits: rule.credits ?? 0n } : { pack: rule.pack };
        try {
          state = topUpState(decodeState(row.state), plan.terms, periodOfRow(row), purchase, {
            now,
            grantId: ids.next("grant"),
          });
        } catch (error) {
          // A full invoice, or a plan that no longer sells it: nothing is bought this period.
          if (error instanceof Refusal) return false;
          throw error;
        }
        const line = state.lines.at(-1);
        if (line !== undefined) {
          const described = `Auto top-up below ${formatDecimal(rule.threshold)}: ${line.description}`;
          state = {
            ...state,
            lines: [...state.lines.slice(0, -1), { ...line, description: described }],
          };
        }
      }
      const decided = { row: { ...row, autoTopUp: encodeAutoTopUp(next) }, state };
      // A purchase is recorded, with actor `system`; a rule only re-arming changes no setting.
      const shown = this.books.view;
      const audit = (before: Subscription, after: Subscription) =>
        systemAuditEntry(
          this.context,
          organizationId,
          {
            action: "top_up.created",
            targetType: "subscription",
            targetId: id,
            before: shown(before),
            after: shown(after),
          },
          now,
        );
      const committed = await this.books.commit(
        row,
        plan,
        decided,
        now,
        undefined,
        buys ? audit : undefined,
      );
      if (committed !== null) return buys;
    }
    return false;
  }

  /**
   * One pass of the job: every active subscription with a rule, at most a hundred, each checked
   * on its own; one that fails is told to `onFailure` and the others go on. Answers purchases.
   */
  async checkAll(
    onFailure: (error: unknown, subscriptionId: string) => void = () => {},
    after?: SubscriptionKey,
  ): Promise<{ bought: number; last: SubscriptionKey | undefined }> {
    const keys = await this.context.store.autoTopUpSubscriptions(checksPerPassMax, after);
    let bought = 0;
    for (const key of keys) {
      try {
        if (await this.check(key.organizationId, key.id)) bought += 1;
      } catch (error) {
        onFailure(error, key.id);
      }
    }
    return { bought, last: keys.length < checksPerPassMax ? undefined : keys.at(-1) };
  }
}

/** A rule as asked for, checked against the plan's bounds; the state it starts in. */
export function newAutoTopUp(rule: AutoTopUpRule, periodIndex: number): AutoTopUpState {
  if (rule.maxPerPeriod < 1 || rule.maxPerPeriod > limits.autoTopUpsPerPeriodMax)
    throw new Refusal(
      "invalid_request",
      `Must be from 1 to ${limits.autoTopUpsPerPeriodMax}.`,
      "auto_top_up.max_per_period",
    );
  return { ...rule, armed: true, periodIndex, purchases: 0 };
}
