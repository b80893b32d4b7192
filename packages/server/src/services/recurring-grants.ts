/**
 * Recurring grants: a schedule on a pool that issues a grant of the same terms every period (a
 * month or a year from an anchor in a time zone), until canceled, a count of periods or an end.
 *
 * Exactly once, across restarts and nodes, as a subscription's decisions are (decision 0013):
 * issuing a period is one conditional write of the schedule (its version) that advances it past
 * the period, and then the period's grant through the engine under a key derived from the
 * schedule and the period (`recurring:<schedule>:<index>`, never forgotten), with an id derived
 * likewise. Of two nodes issuing at once one writes, the other finds it done; a process killed
 * between the write and the grant leaves the grant pending, and whatever looks at the schedule
 * next (the issuer's pass, a read, a cancel) makes it, a replay if it was made already.
 */
import { grantSources, limits, type Micros } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { RecurringGrantExpiry, RecurringGrantRow } from "../store/recurring-grants.ts";
import { auditEntry, systemActor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";
import { organizationNow } from "./organization-time.ts";
import { type PageRequest, storePage, visiblePage } from "./pages.ts";
import {
  decideNext,
  dueAtOf,
  issueCommand,
  issuedPeriod,
  issueKey,
  nextIsDue,
} from "./recurring-grant-periods.ts";

/** A recurring grant as its readers see it: the schedule and its progress. */
export type RecurringGrant = RecurringGrantRow;

/** A write that keeps meeting a newer version of its schedule gives up after this. */
const writeAttemptsMax = 8;

export interface NewRecurringGrant {
  readonly pool: string;
  readonly amount: Micros;
  readonly source: string;
  readonly priority: number;
  readonly costBasis: Micros;
  /** `days` needs `expiryDays`. */
  readonly expiry: RecurringGrantExpiry;
  readonly expiryDays: number | null;
  /** Needs an expiry: at most `cap` of what is left moves on for `lifetimeDays` days. */
  readonly rollover: { readonly cap: Micros; readonly lifetimeDays: number } | null;
  readonly interval: "month" | "year";
  /** Defaults to now; at most `recurringGrantAnchorAgeMsMax` before it. */
  readonly anchorAt?: number | undefined;
  readonly timeZone: string;
  readonly periods: number | null;
  readonly endsAt: number | null;
}

export class RecurringGrantService {
  constructor(private readonly context: ServiceContext) {}

  /**
   * Makes the schedule and issues at once every period that has begun (the first, when it is
   * anchored now): the answer names those grants, and they are made before it returns.
   */
  async create(
    principal: Principal,
    input: NewRecurringGrant,
    idempotencyKey: string,
    render: Render<RecurringGrantRow>,
  ): Promise<Written<RecurringGrantRow>> {
    const { store, ids, tree } = this.context;
    const organizationId = requirePermission(principal, "grants.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "recurring_grants.create", {
      input,
    });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;

    await tree.require(principal, organizationId, input.pool);
    // An archived pool takes no new grants: the schedule's first issue would be refused.
    const ledger = await this.context.engine.readView(organizationId);
    if ((ledger?.pools.get(input.pool)?.archivedAt ?? null) !== null)
      throw new Refusal("pool_archived", undefined, "pool");
    const now = await organizationNow(this.context, organizationId);
    const anchorAt = input.anchorAt ?? now;
    checkTerms(input, anchorAt, now);
    if (
      (await store.countRecurringGrants(organizationId)) >= limits.recurringGrantsPerOrganizationMax
    )
      throw new Refusal("recurring_grant_count_exceeded");
    let row: RecurringGrantRow = {
      organizationId,
      id: ids.next("rgr"),
      poolId: input.pool,
      amount: input.amount,
      source: input.source,
      priority: input.priority,
      costBasis: input.costBasis,
      expiry: input.expiry,
      expiryDays: input.expiry === "days" ? input.expiryDays : null,
      rolloverCap: input.rollover?.cap ?? null,
      rolloverDays: input.rollover?.lifetimeDays ?? null,
      anchorAt,
      timeZone: input.timeZone,
      interval: input.interval,
      periodsMax: input.periods,
      endsAt: input.endsAt,
      status: "active",
      nextIndex: 0,
      issuedCount: 0,
      dueAt: anchorAt,
      createdAt: now,
      updatedAt: now,
      canceledAt: null,
      version: 1,
    };
    // Its end is after its anchor: only a first grant whose times pass the ledger's last fails.
    if (issuedPeriod(row, 0) === null)
      throw new Refusal(
        "invalid_request",
        "Its first grant would outlast 2200-01-01.",
        "anchor_at",
      );
    // The periods begun by now are decided with the schedule, so its first answer names them.
    for (
      let step = 0;
      step < limits.recurringGrantPeriodsPerPassMax && nextIsDue(row, now);
      step += 1
    )
      row = { ...decideNext(row, now), version: 1 };
    const view = render(row);
    const audit = auditEntry(
      this.context,
      principal,
      organizationId,
      {
        action: "recurring_grant.created",
        targetType: "recurring_grant",
        targetId: row.id,
        before: null,
        after: view,
      },
      now,
    );
    const stored = await store.insertRecurringGrant(row, answerOf(idempotency, view, now, audit));
    if (stored !== null) return replayOf(idempotency, stored);
    // The grants of the periods begun are this request's, named by its record's `after`.
    await this.settle(row, false);
    return { made: row };
  }

  /** The organization's recurring grants the key reaches, one more than the page. */
  async list(principal: Principal, page: PageRequest): Promise<RecurringGrantRow[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "grants.read");
    return visiblePage(
      (after, limit) => store.listRecurringGrants(organizationId, storePage(after, limit)),
      (row) => tree.reaches(principal, organizationId, row.poolId),
      page,
    );
  }

  /** A recurring grant as of now: what came due issued first, as the issuer would. */
  async read(principal: Principal, id: string): Promise<RecurringGrantRow> {
    const organizationId = requirePermission(principal, "grants.read");
    return (await this.advance(await this.load(principal, organizationId, id))).row;
  }

  /**
   * Stops the schedule: no period after now is issued. What came due before is issued first and
   * stays, as do the grants issued; canceling an ended schedule changes nothing.
   */
  async cancel(
    principal: Principal,
    id: string,
    idempotencyKey: string,
    render: Render<RecurringGrantRow>,
  ): Promise<Written<RecurringGrantRow>> {
    const { store } = this.context;
    const organizationId = requirePermission(principal, "grants.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "recurring_grants.cancel", {
      id,
    });
    for (let attempt = 1; attempt <= writeAttemptsMax; attempt += 1) {
      const replay = await storedReplay(store, idempotency);
      if (replay !== null) return replay;
      const { row } = await this.advance(await this.load(principal, organizationId, id));
      if (row.status !== "active") return { made: row };
      const now = await organizationNow(this.context, organizationId);
      const canceled = { ...row, status: "canceled" as const, canceledAt: now, updatedAt: now };
      const next = { ...canceled, dueAt: dueAtOf(canceled), version: row.version + 1 };
      const view = render(next);
      const audit = auditEntry(
        this.context,
        principal,
        organizationId,
        {
          action: "recurring_grant.canceled",
          targetType: "recurring_grant",
          targetId: id,
          before: render(row),
          after: view,
        },
        now,
      );
      if (
        await store.updateRecurringGrant(next, row.version, answerOf(idempotency, view, now, audit))
      )
        return { made: await this.settle(next) };
    }
    throw new Refusal("recurring_grant_busy", undefined, "id");
  }

  /**
   * Issues every period that has come due, on every schedule, at most `limit` schedules and
   * `recurringGrantPeriodsPerPassMax` periods each; answers how many periods it decided (another
   * node's are its own to count). A
   * schedule that fails is told to `onFailure` and the others go on.
   */
  async issueDue(
    limit = 100,
    onFailure: (error: unknown, recurringGrantId: string) => void = () => {},
  ): Promise<number> {
    const { store, clock } = this.context;
    let issued = 0;
    for (const key of await store.dueRecurringGrants(clock(), limit)) {
      try {
        const row = await store.readRecurringGrant(key.organizationId, key.id);
        if (row === null) continue;
        issued += (await this.advance(row)).decided;
      } catch (error) {
        onFailure(error, key.id);
      }
    }
    return issued;
  }

  /**
   * Issues what came due on each of the organization's active schedules, by its own time (what
   * a test clock's advance calls); answers how many periods it decided.
   */
  async issueFor(organizationId: string): Promise<number> {
    const { store } = this.context;
    let issued = 0;
    let after: string | undefined;
    for (;;) {
      const page = await store.listRecurringGrants(organizationId, storePage(after, 100));
      // Every schedule: an ended one may still have its last grant pending.
      for (const row of page) issued += (await this.advance(row)).decided;
      if (page.length < 100) return issued;
      after = page.at(-1)?.id;
    }
  }

  /**
   * Makes the pending grants, then decides and issues each period due by now, one conditional
   * write a period, at most `recurringGrantPeriodsPerPassMax`. Answers the schedule as it is,
   * and how many periods this call decided.
   */
  private async advance(start: RecurringGrantRow) {
    const { store } = this.context;
    let row = await this.settle(start);
    let decided = 0;
    // The organization's time: a test clock moves it ahead of the server's.
    const now = await organizationNow(this.context, row.organizationId);
    // A write lost to another node reads the schedule again: that node has moved it on.
    for (let step = 0; step < limits.recurringGrantPeriodsPerPassMax * 2; step += 1) {
      if (decided >= limits.recurringGrantPeriodsPerPassMax || !nextIsDue(row, now)) break;
      const next = decideNext(row, now);
      const written = await store.updateRecurringGrant(next, row.version);
      if (written) decided += 1;
      row = await this.settle(written ? next : await this.reload(row));
    }
    return { row, decided };
  }

  /**
   * Makes every grant decided and not yet known made, each through the engine under its key (a
   * replay if it was made), then records them made in one conditional write. A grant the
   * schedule issues on its own is audited with actor `system`, in the grant's batch, so a replay
   * records nothing; `audited` is false only for the periods its creating request decided.
   */
  private async settle(start: RecurringGrantRow, audited = true): Promise<RecurringGrantRow> {
    const { store, engine, clock } = this.context;
    let row = start;
    for (let attempt = 1; row.issuedCount < row.nextIndex; attempt += 1) {
      if (attempt > writeAttemptsMax) throw new Refusal("recurring_grant_busy", undefined, "id");
      for (let index = row.issuedCount; index < row.nextIndex; index += 1) {
        const period = issuedPeriod(row, index);
        if (period === null) throw new Error(`recurring grant ${row.id}: period ${index} decided`);
        const audit = {
          actor: systemActor,
          requestId: null,
          action: "recurring_grant.issued",
          targetType: "grant" as const,
        };
        const answer = await engine.submit(row.organizationId, issueCommand(row, period), {
          idempotencyKey: issueKey(row, index),
          ...(audited ? { audit } : {}),
        });
        // The grant's id is derived from the period: in use means this period made it already.
        if (answer.code !== "ok" && answer.code !== "id_in_use")
          throw new Error(`recurring grant ${row.id}: period ${index} answered ${answer.code}`);
      }
      const made = { ...row, issuedCount: row.nextIndex, updatedAt: clock() };
      const next = { ...made, dueAt: dueAtOf(made), version: row.version + 1 };
      row = (await store.updateRecurringGrant(next, row.version)) ? next : await this.reload(row);
    }
    return row;
  }

  private async load(principal: Principal, organizationId: string, id: string) {
    const { store, tree } = this.context;
    const row = await store.readRecurringGrant(organizationId, id);
    if (row === null || !(await tree.reaches(principal, organizationId, row.poolId)))
      throw new Refusal("recurring_grant_not_found", undefined, "id");
    return row;
  }

  private async reload(row: RecurringGrantRow): Promise<RecurringGrantRow> {
    const fresh = await this.context.store.readRecurringGrant(row.organizationId, row.id);
    if (fresh === null) throw new Error(`recurring grant ${row.id} is missing`);
    return fresh;
  }
}

/**
 * The checks of a new schedule's terms that its fields' own bounds cannot make, in the order of
 * its fields; each refusal names the field.
 */
function checkTerms(input: NewRecurringGrant, anchorAt: number, now: number): void {
  const invalid = (param: string, message: string) =>
    new Refusal("invalid_request", message, param);
  if (!(grantSources as readonly string[]).includes(input.source) || input.source === "rollover")
    throw invalid("source", "Must be a grant source other than rollover.");
  if (input.expiry === "days" && input.expiryDays === null)
    throw invalid("expiry.days", "Must be a number of days.");
  if (input.rollover !== null && input.expiry === "never")
    throw invalid("rollover", "Needs an expiry: what never expires never rolls over.");
  if (input.rollover !== null && input.rollover.cap > input.amount)
    throw invalid("rollover.cap", "Must not be more than the amount.");
  if (anchorAt < now - limits.recurringGrantAnchorAgeMsMax)
    throw invalid("anchor_at", "Must not be more than 35 days before now.");
  if (input.endsAt !== null && input.endsAt <= anchorAt)
    throw invalid("ends_at", "Must be after anchor_at.");
}
