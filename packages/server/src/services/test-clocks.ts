/**
 * Test clocks, as Stripe Billing has them: an organization made for trying things gets a clock,
 * and its owner (or an admin, or the operator) moves the organization's time forward with it, so
 * renewals, expiries, proration and top-ups can be tried over HTTP in seconds.
 *
 * The clock's time is the organization's ledger time (`organization-time.ts`): advancing applies
 * an `advance_time` command through the engine, which expires and activates whatever falls due
 * on the way and leaves the ledger at the new time; every later command and decision of the
 * organization runs at the later of the clock and that time. Then the organization's
 * subscriptions are renewed up to it and their auto top-up rules checked. Time never runs
 * backwards: a clock cannot be set before its time.
 *
 * Only an organization whose journal is still empty and which has no subscription gets a clock
 * (a new organization, made for trying), so no organization with history or bills can be moved
 * in time. What it does after that is the trying.
 */
import { limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { TestClockRow } from "../store/test-clocks.ts";
import { auditEntry, auditIntent } from "./audit.ts";
import type { AutoTopUpService } from "./auto-top-ups.ts";
import type { ServiceContext } from "./context.ts";
import { answerOf, idempotencyOf, type Render, replayOf, type Written } from "./idempotency.ts";
import { organizationNow } from "./organization-time.ts";
import type { RecurringGrantService } from "./recurring-grants.ts";
import type { SubscriptionBooks } from "./subscription-books.ts";

/** One advance moves a clock at most this far: a year of monthly renewals is bounded work. */
export const testClockAdvanceMaxMs = 366 * 86_400_000;

/** A clock and its organization's time now. */
export interface TestClock {
  readonly row: TestClockRow;
  readonly time: number;
}

export class TestClockService {
  constructor(
    private readonly context: ServiceContext,
    private readonly books: SubscriptionBooks,
    private readonly autoTopUps: AutoTopUpService,
    private readonly recurringGrants: RecurringGrantService,
  ) {}

  /**
   * Gives the key's organization a clock, while its ledger is still empty; an organization that
   * has one already is answered its clock (`existing`), so a script may ask every time.
   */
  async create(
    principal: Principal,
    idempotencyKey: string,
    render: Render<TestClock>,
  ): Promise<Written<TestClock> | { existing: TestClock }> {
    const { store, clock, ids } = this.context;
    const organizationId = requirePermission(principal, "clock.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "test_clocks.create", {});
    const now = await organizationNow(this.context, organizationId);
    const made: TestClock = {
      row: { organizationId, id: ids.next("clock"), createdAt: clock() },
      time: now,
    };
    // A subscription is the organization's bills: one that has any is not made for trying.
    const [subscription] = await store.listSubscriptions(organizationId, { limit: 1 });
    if (subscription !== undefined && (await store.readTestClock(organizationId)) === null)
      throw new Refusal("test_clock_unavailable");
    const view = render(made);
    const audit = auditEntry(this.context, principal, organizationId, {
      action: "test_clock.created",
      targetType: "test_clock",
      targetId: made.row.id,
      before: null,
      after: view,
    });
    const stored = await store.insertTestClock(made.row, answerOf(idempotency, view, now, audit));
    if (stored === false) {
      const existing = await store.readTestClock(organizationId);
      if (existing === null) throw new Refusal("test_clock_unavailable");
      return { existing: await this.withTime(existing) };
    }
    if (stored !== null) return replayOf(idempotency, stored);
    return { made };
  }

  /** The key's organization's clock (its only one), if it has one: a list of at most one. */
  async list(principal: Principal): Promise<TestClock[]> {
    const organizationId = requirePermission(principal, "organization.read");
    const row = await this.context.store.readTestClock(organizationId);
    return row === null ? [] : [await this.withTime(row)];
  }

  async read(principal: Principal, id: string): Promise<TestClock> {
    const organizationId = requirePermission(principal, "organization.read");
    return this.withTime(await this.load(organizationId, id));
  }

  /**
   * Moves the clock's organization to `to` (at most `testClockAdvanceMaxMs` ahead of its time,
   * never behind it), then renews its subscriptions and checks their auto top-ups. The operator's
   * key may advance any organization's clock. Advancing to where the clock is already changes
   * nothing, so a retry is safe without a key. `render` shows the clock as the audit record
   * keeps it before and after; the record is written with the ledger's move, in its batch.
   */
  async advance(
    principal: Principal,
    id: string,
    to: number,
    render: Render<TestClock>,
  ): Promise<TestClock> {
    const { store, engine } = this.context;
    const row =
      principal.role === "operator"
        ? await store.findTestClock(id)
        : await this.load(requirePermission(principal, "clock.write"), id);
    if (row === null) throw new Refusal("test_clock_not_found", undefined, "id");
    const { organizationId } = row;
    const time = await organizationNow(this.context, organizationId);
    if (to < time)
      throw new Refusal(
        "invalid_request",
        `Must not be before the clock's time, ${new Date(time).toISOString()}.`,
        "to",
      );
    if (to - time > testClockAdvanceMaxMs || to > limits.timeMsMax)
      throw new Refusal(
        "invalid_request",
        "Must be at most 366 days after the clock's time.",
        "to",
      );
    if (to > time) {
      const target = {
        type: "test_clock",
        id: row.id,
        before: render({ row, time }),
        after: render({ row, time: to }),
      };
      const audit = auditIntent(principal, "test_clock.advanced", "pool", target);
      const answer = await engine.submit(organizationId, { type: "advance_time", to }, { audit });
      if (answer.code !== "ok") throw new Refusal(answer.code, answer.message, answer.param);
    }
    // Always, so a retry after a failure part way finishes what the first call began. Renewals
    // first, as their usage is measured at each period's end, then the recurring grants.
    const subscriptions = await store.listSubscriptions(organizationId, {
      limit: limits.subscriptionsPerOrganizationMax + 1,
    });
    for (const subscription of subscriptions) {
      if (subscription.status !== "active") continue;
      await this.books.renew(subscription);
      await this.autoTopUps.check(organizationId, subscription.id);
    }
    await this.recurringGrants.issueFor(organizationId);
    return this.withTime(row);
  }

  private async load(organizationId: string, id: string): Promise<TestClockRow> {
    const row = await this.context.store.readTestClock(organizationId);
    if (row === null || row.id !== id) throw new Refusal("test_clock_not_found", undefined, "id");
    return row;
  }

  private async withTime(row: TestClockRow): Promise<TestClock> {
    return { row, time: await organizationNow(this.context, row.organizationId) };
  }
}
