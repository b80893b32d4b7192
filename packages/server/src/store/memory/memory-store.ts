/**
 * A store in process memory with the same contract as the databases: transactions are
 * serialised, writes become visible only on commit, and readers get copies. It keeps nothing
 * across restarts; the simulator and fast engine tests use it.
 */
import type {
  Grant,
  Hold,
  LedgerSnapshot,
  LedgerState,
  RateCard,
  Transfer,
} from "@creditpool/core";
import { newestWithin } from "../alert-signals.ts";
import type { AuditEntry } from "../audit.ts";
import type { BillingStore } from "../billing.ts";
import type { KeyRow, MemberRow, Page, ScopedAnswer } from "../directory.ts";
import { keyCreatedEvents, keyRevokedEvents } from "../event-payloads.ts";
import type { GrantFilter } from "../ledger-reads.ts";
import { Mutex } from "../mutex.ts";
import type {
  AnswerCutoffs,
  OrganizationRow,
  Store,
  StoredAnswer,
  StoreTransaction,
  TestClockStore,
  TotalsStore,
  TransferQuery,
} from "../port.ts";
import type { QuoteRow } from "../pricing.ts";
import type { Names } from "../usage-buckets.ts";
import { compare, type KeptAnswer, keptOf, pageOf, pruneKept, storedOf } from "./kept.ts";
import { AnswerMap, MemoryAudit } from "./memory-audit.ts";
import { MemoryBilling } from "./memory-billing.ts";
import { MemoryExportCheckpoints } from "./memory-export-checkpoints.ts";
import { MemoryGatewayCalls } from "./memory-gateway-calls.ts";
import { MemoryGovernance } from "./memory-governance.ts";
import { MemoryOutbox } from "./memory-outbox.ts";
import { MemoryRecurringGrants } from "./memory-recurring-grants.ts";
import { MemoryTestClocks } from "./memory-test-clocks.ts";
import { MemoryTotals } from "./memory-totals.ts";
import { MemoryTransaction, stateOf, type Tenant } from "./memory-transaction.ts";
import { MemoryUsageBuckets } from "./memory-usage-buckets.ts";

export class MemoryStore extends MemoryOutbox implements Store {
  readonly dialect = "memory" as const;
  private readonly tenants = new Map<string, Tenant>();
  /** Serialises writes, as one database connection does; shared with the billing part. */
  readonly lock = new Mutex();
  private readonly keys = new Map<string, KeyRow>();
  private readonly rateCards = new Map<string, RateCard[]>();
  private readonly quotes = new Map<string, QuoteRow>();
  /** Answers kept outside any organization (the operator's). */
  private readonly scopedAnswers = new Map<string, Map<string, KeptAnswer>>();
  readonly governance = new MemoryGovernance(this.lock, {
    append: (entries) => this.audit.append(entries),
  });
  listDecisions: Store["listDecisions"] = (...a) => this.governance.listDecisions(...a);
  readDecision: Store["readDecision"] = (...a) => this.governance.readDecision(...a);
  pruneDecisions: Store["pruneDecisions"] = (...a) => this.governance.pruneDecisions(...a);
  decideApproval: Store["decideApproval"] = (...a) => this.governance.decideApproval(...a);
  readApprovals: Store["readApprovals"] = (...a) => this.governance.readApprovals(...a);
  /** The audit trail; appended to as answers are stored and as batches commit. */
  readonly audit = new MemoryAudit();
  listAuditRecords: Store["listAuditRecords"] = (...a) => this.audit.listAuditRecords(...a);
  readAuditHead: Store["readAuditHead"] = (...a) => this.audit.readAuditHead(...a);
  listAuditOrganizations: Store["listAuditOrganizations"] = (...a) =>
    this.audit.listAuditOrganizations(...a);

  /** A new map of stored answers, whose claims append the audit records they carry. */
  newAnswers(): AnswerMap {
    return new AnswerMap((entries) => this.audit.append(entries));
  }

  async pruneAnswers(cutoffs: AnswerCutoffs, limit: number): Promise<number> {
    return this.lock.run(async () => {
      const scopes = [
        ...[...this.tenants.values()].map((t) => t.answers),
        ...this.scopedAnswers.values(),
      ];
      return pruneKept(scopes, cutoffs, limit);
    });
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const pending: (() => void)[] = [];
      const result = await work(new MemoryTransaction(this.tenants, this, pending));
      for (const apply of pending) apply();
      return result;
    });
  }

  async readOrganization(id: string): Promise<OrganizationRow | null> {
    return this.tenants.get(id)?.organization ?? null;
  }

  async readState(organizationId: string): Promise<LedgerState | null> {
    const tenant = this.tenants.get(organizationId);
    return tenant === undefined ? null : stateOf(tenant);
  }

  async readView(organizationId: string, now: number): Promise<LedgerState | null> {
    const tenant = this.tenants.get(organizationId);
    return tenant === undefined ? null : stateOf(tenant, now);
  }

  async readPoolParents(organizationId: string): Promise<Map<string, string | null>> {
    const pools = this.tenants.get(organizationId)?.pools.values() ?? [];
    return new Map([...pools].map((pool) => [pool.id, pool.parentId]));
  }

  async readSnapshot(organizationId: string): Promise<LedgerSnapshot> {
    const tenant = this.tenants.get(organizationId);
    if (tenant === undefined) throw new Error(`organization ${organizationId} does not exist`);
    return structuredClone({
      organizationId,
      nextSequence: tenant.organization.nextSequence,
      pools: [...tenant.pools.values()].sort((a, b) => a.depth - b.depth || compare(a.id, b.id)),
      grants: [...tenant.grants.values()],
      holds: [...tenant.holds.values()],
      transfers: tenant.transfers,
    });
  }

  async listOrganizationIds(): Promise<string[]> {
    return [...this.tenants.keys()].sort(compare);
  }

  async dueOrganizationIds(now: number, limit: number): Promise<string[]> {
    return [...this.tenants.values()]
      .filter((tenant) => tenant.organization.nextDueAt <= now)
      .sort((a, b) => a.organization.nextDueAt - b.organization.nextDueAt)
      .slice(0, limit)
      .map((tenant) => tenant.organization.id);
  }

  async listTransfers(organizationId: string, query: TransferQuery): Promise<Transfer[]> {
    const transfers = this.tenants.get(organizationId)?.transfers ?? [];
    return transfers
      .filter(
        (t) =>
          t.sequence > query.afterSequence &&
          (query.poolId === undefined || t.poolId === query.poolId) &&
          (query.grantId === undefined || t.grantId === query.grantId) &&
          (query.holdId === undefined || t.holdId === query.holdId) &&
          (query.fromAt === undefined || t.at >= query.fromAt) &&
          (query.toAt === undefined || t.at < query.toAt),
      )
      .slice(0, query.limit);
  }

  async close(): Promise<void> {}

  insertKey(key: KeyRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    return this.lock.run(async () =>
      this.writeOnce(answer, () => {
        this.addKey(key);
        this.writeEvents(keyCreatedEvents(key));
      }),
    );
  }

  async findKeyByHash(hash: string): Promise<KeyRow | null> {
    return [...this.keys.values()].find((key) => key.hash === hash) ?? null;
  }

  async listKeys(organizationId: string, page: Page): Promise<KeyRow[]> {
    return pageOf(
      [...this.keys.values()].filter((key) => key.organizationId === organizationId),
      page,
    );
  }

  async readKey(organizationId: string, id: string): Promise<KeyRow | null> {
    const key = this.keys.get(id);
    return key === undefined || key.organizationId !== organizationId ? null : key;
  }

  revokeKey(
    organizationId: string,
    id: string,
    at: number,
    audit: ((revoked: KeyRow) => AuditEntry) | null = null,
  ): Promise<KeyRow | null> {
    return this.lock.run(async () => {
      const key = this.keys.get(id);
      if (key === undefined || key.organizationId !== organizationId) return null;
      if (key.revokedAt !== null) return key;
      const revoked = { ...key, revokedAt: at };
      if (audit !== null) this.audit.append([audit(revoked)]);
      this.keys.set(id, revoked);
      this.writeEvents(keyRevokedEvents(revoked));
      return revoked;
    });
  }

  async countOperatorKeys(): Promise<number> {
    return [...this.keys.values()].filter(
      (key) => key.role === "operator" && key.revokedAt === null,
    ).length;
  }

  async replaceOperatorKeys(key: KeyRow): Promise<void> {
    if (key.role !== "operator") throw new Error(`key ${key.id} is not an operator key`);
    await this.lock.run(async () => {
      for (const each of this.keys.values()) {
        if (each.role === "operator" && each.revokedAt === null && each.hash !== key.hash)
          this.keys.set(each.id, { ...each, revokedAt: key.createdAt });
      }
      if (![...this.keys.values()].some((each) => each.hash === key.hash)) this.addKey(key);
    });
  }

  insertMember(member: MemberRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    return this.lock.run(async () =>
      this.writeOnce(answer, () => {
        const tenant = this.tenants.get(member.organizationId);
        if (tenant === undefined)
          throw new Error(`organization ${member.organizationId} does not exist`);
        if (tenant.members.has(member.id)) throw new Error(`member ${member.id} exists`);
        tenant.members.set(member.id, { ...member });
      }),
    );
  }

  async readMember(organizationId: string, id: string): Promise<MemberRow | null> {
    return this.tenants.get(organizationId)?.members.get(id) ?? null;
  }

  async listMembers(organizationId: string, page: Page): Promise<MemberRow[]> {
    return pageOf([...(this.tenants.get(organizationId)?.members.values() ?? [])], page);
  }

  async findAnswer(scope: string, key: string): Promise<StoredAnswer | null> {
    const answer = this.answersIn(scope).get(key);
    return answer === undefined ? null : storedOf(answer);
  }

  async readHold(organizationId: string, id: string): Promise<Hold | null> {
    const hold = this.tenants.get(organizationId)?.holds.get(id);
    return hold === undefined ? null : structuredClone(hold);
  }

  async keyedHolds(organizationId: string, from: number, to: number, limit: number) {
    const holds = [...(this.tenants.get(organizationId)?.holds.values() ?? [])];
    const keyed = holds.filter((hold) => hold.keyId !== null);
    return newestWithin(keyed, (hold) => hold.createdAt, from, to, limit).map((hold) => ({
      keyId: hold.keyId ?? "",
      memberId: hold.memberId,
      poolId: hold.poolId,
    }));
  }

  async outcomeAnswers(organizationId: string, from: number, to: number, limit: number) {
    const answers = [...(this.tenants.get(organizationId)?.answers.entries() ?? [])];
    const outcomes = answers.filter(([key]) => key.startsWith("outcome:"));
    return newestWithin(outcomes, ([, kept]) => kept.createdAt, from, to, limit).map(
      ([key, kept]) => ({
        outcomeKey: key.slice("outcome:".length),
        answer: kept.answer,
        createdAt: kept.createdAt,
      }),
    );
  }

  async readGrant(organizationId: string, id: string): Promise<Grant | null> {
    const grant = this.tenants.get(organizationId)?.grants.get(id);
    return grant === undefined ? null : structuredClone(grant);
  }

  async listGrants(organizationId: string, filter: GrantFilter): Promise<Grant[]> {
    const grants = [...(this.tenants.get(organizationId)?.grants.values() ?? [])].filter(
      (grant) => filter.poolId === undefined || grant.poolId === filter.poolId,
    );
    return structuredClone(pageOf(grants, filter));
  }

  insertRateCard(
    scope: string,
    card: RateCard,
    _createdAt: number,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    return this.lock.run(async () =>
      this.writeOnce(answer, () => {
        const cards = this.rateCards.get(scope) ?? [];
        if (cards.some((existing) => existing.id === card.id))
          throw new Error(`rate card ${card.id} exists`);
        this.rateCards.set(
          scope,
          [...cards, card].sort((a, b) => a.effectiveAt - b.effectiveAt),
        );
      }),
    );
  }

  async listRateCards(scope: string): Promise<RateCard[]> {
    return [...(this.rateCards.get(scope) ?? [])];
  }

  insertQuote(quote: QuoteRow, answer: ScopedAnswer | null = null): Promise<StoredAnswer | null> {
    return this.lock.run(async () =>
      this.writeOnce(answer, () => {
        this.quotes.set(`${quote.organizationId}/${quote.id}`, quote);
      }),
    );
  }

  async readQuote(organizationId: string, id: string): Promise<QuoteRow | null> {
    return this.quotes.get(`${organizationId}/${id}`) ?? null;
  }

  // Plans, subscriptions and invoices: their own part, on this store's lock and answers.
  private readonly billing = new MemoryBilling(this);
  insertPlan: BillingStore["insertPlan"] = (...a) => this.billing.insertPlan(...a);
  listPlans: BillingStore["listPlans"] = (...a) => this.billing.listPlans(...a);
  readPlan: BillingStore["readPlan"] = (...a) => this.billing.readPlan(...a);
  insertSubscription: BillingStore["insertSubscription"] = (...a) =>
    this.billing.insertSubscription(...a);
  readSubscription: BillingStore["readSubscription"] = (...a) =>
    this.billing.readSubscription(...a);
  listSubscriptions: BillingStore["listSubscriptions"] = (...a) =>
    this.billing.listSubscriptions(...a);
  updateSubscription: BillingStore["updateSubscription"] = (...a) =>
    this.billing.updateSubscription(...a);
  dueSubscriptions: BillingStore["dueSubscriptions"] = (...a) =>
    this.billing.dueSubscriptions(...a);
  pendingSubscriptions: BillingStore["pendingSubscriptions"] = (...a) =>
    this.billing.pendingSubscriptions(...a);
  autoTopUpSubscriptions: BillingStore["autoTopUpSubscriptions"] = (...a) =>
    this.billing.autoTopUpSubscriptions(...a);
  readInvoice: BillingStore["readInvoice"] = (...a) => this.billing.readInvoice(...a);
  readInvoiceForPeriod: BillingStore["readInvoiceForPeriod"] = (...a) =>
    this.billing.readInvoiceForPeriod(...a);
  listInvoices: BillingStore["listInvoices"] = (...a) => this.billing.listInvoices(...a);
  saveInvoice: BillingStore["saveInvoice"] = (...a) => this.billing.saveInvoice(...a);
  assignSeat: Store["assignSeat"] = (...a) => this.billing.assignSeat(...a);
  unassignSeat: Store["unassignSeat"] = (...a) => this.billing.unassignSeat(...a);
  readSeatAssignment: Store["readSeatAssignment"] = (...a) => this.billing.readSeatAssignment(...a);
  listSeatAssignments: Store["listSeatAssignments"] = (...a) =>
    this.billing.listSeatAssignments(...a);
  seatGates: Store["seatGates"] = (...a) => this.billing.seatGates(...a);

  private readonly recurring = new MemoryRecurringGrants(this);
  insertRecurringGrant: Store["insertRecurringGrant"] = (...a) =>
    this.recurring.insertRecurringGrant(...a);
  readRecurringGrant: Store["readRecurringGrant"] = (...a) =>
    this.recurring.readRecurringGrant(...a);
  listRecurringGrants: Store["listRecurringGrants"] = (...a) =>
    this.recurring.listRecurringGrants(...a);
  countRecurringGrants: Store["countRecurringGrants"] = (...a) =>
    this.recurring.countRecurringGrants(...a);
  updateRecurringGrant: Store["updateRecurringGrant"] = (...a) =>
    this.recurring.updateRecurringGrant(...a);
  dueRecurringGrants: Store["dueRecurringGrants"] = (...a) =>
    this.recurring.dueRecurringGrants(...a);

  *journalEnds(): Iterable<[string, number]> {
    for (const t of this.tenants.values()) yield [t.organization.id, t.organization.nextSequence];
  }
  *liveGrants(): Iterable<[string, Grant]> {
    for (const t of this.tenants.values())
      for (const g of t.liveGrants.values()) yield [t.organization.id, g];
  }

  private readonly totals = new MemoryTotals({
    lock: this.lock,
    nextSequences: () =>
      [...this.tenants.values()].map((t): [string, number] => [
        t.organization.id,
        t.organization.nextSequence,
      ]),
  });
  totalsCheckpoint: TotalsStore["totalsCheckpoint"] = (...a) => this.totals.totalsCheckpoint(...a);
  addTotals: TotalsStore["addTotals"] = (...a) => this.totals.addTotals(...a);
  readTotals: TotalsStore["readTotals"] = (...a) => this.totals.readTotals(...a);
  organizationsBehind: TotalsStore["organizationsBehind"] = (...a) =>
    this.totals.organizationsBehind(...a);

  private readonly usage = new MemoryUsageBuckets({
    lock: this.lock,
    nextSequences: () =>
      [...this.tenants.values()].map((t): [string, number] => [
        t.organization.id,
        t.organization.nextSequence,
      ]),
  });
  usageCheckpoint: Store["usageCheckpoint"] = (...a) => this.usage.usageCheckpoint(...a);
  addUsageBuckets: Store["addUsageBuckets"] = (...a) => this.usage.addUsageBuckets(...a);
  readUsageBuckets: Store["readUsageBuckets"] = (...a) => this.usage.readUsageBuckets(...a);
  sumUsageBuckets: Store["sumUsageBuckets"] = (...a) => this.usage.sumUsageBuckets(...a);
  organizationsBehindUsage: Store["organizationsBehindUsage"] = (...a) =>
    this.usage.organizationsBehindUsage(...a);
  readNames: Store["readNames"] = async (organizationId, kind, ids) => {
    const tenant = this.tenants.get(organizationId);
    const names: Names = new Map();
    for (const id of ids) {
      const found =
        kind === "member"
          ? tenant?.members.get(id)
          : kind === "pool"
            ? tenant?.pools.get(id)
            : this.keys.get(id);
      if (
        found !== undefined &&
        (kind !== "key" || this.keys.get(id)?.organizationId === organizationId)
      )
        names.set(id, { name: found.name, poolId: "poolId" in found ? found.poolId : id });
    }
    return names;
  };

  private readonly calls = new MemoryGatewayCalls();
  insertGatewayCalls: Store["insertGatewayCalls"] = (...a) => this.calls.insertGatewayCalls(...a);
  readGatewayCall: Store["readGatewayCall"] = (...a) => this.calls.readGatewayCall(...a);
  listGatewayCalls: Store["listGatewayCalls"] = (...a) => this.calls.listGatewayCalls(...a);

  private readonly exports = new MemoryExportCheckpoints({
    lock: this.lock,
    journalHeads: () =>
      [...this.tenants.values()].map(({ organization: o }) => [o.id, o.nextSequence - 1]),
    eventHeads: () => this.eventHeads(),
  });
  exportCheckpoint: Store["exportCheckpoint"] = (...a) => this.exports.exportCheckpoint(...a);
  exportsBehind: Store["exportsBehind"] = (...a) => this.exports.exportsBehind(...a);
  claimExport: Store["claimExport"] = (...a) => this.exports.claimExport(...a);
  moveExportCheckpoint: Store["moveExportCheckpoint"] = (...a) =>
    this.exports.moveExportCheckpoint(...a);
  releaseExport: Store["releaseExport"] = (...a) => this.exports.releaseExport(...a);

  private readonly testClocks = new MemoryTestClocks({
    lock: this.lock,
    answersIn: (scope) => this.answersIn(scope),
    nextSequence: (id) => this.tenants.get(id)?.organization.nextSequence ?? null,
  });
  insertTestClock: TestClockStore["insertTestClock"] = (...a) => this.testClocks.insert(...a);
  readTestClock: TestClockStore["readTestClock"] = (...a) => this.testClocks.read(...a);
  findTestClock: TestClockStore["findTestClock"] = (...a) => this.testClocks.find(...a);

  /**
   * The answers of a scope: an organization's own, or those of another scope (the operator's).
   * Callers hold the lock, as the databases' callers hold a transaction.
   */
  answersIn(scope: string): Map<string, KeptAnswer> {
    const own = this.tenants.get(scope)?.answers;
    if (own !== undefined) return own;
    let answers = this.scopedAnswers.get(scope);
    if (answers === undefined) {
      answers = this.newAnswers();
      this.scopedAnswers.set(scope, answers);
    }
    return answers;
  }

  /** Checks that the key is new; the caller adds it once its transaction commits. */
  checkNewKey(key: KeyRow): void {
    if ([...this.keys.values()].some((k) => k.hash === key.hash) || this.keys.has(key.id)) {
      throw new Error(`key ${key.id} exists`);
    }
  }

  /** Adds a key; callers hold the lock. */
  addKey(key: KeyRow): void {
    this.checkNewKey(key);
    this.keys.set(key.id, { ...key });
  }

  /** As the databases do: `write` only when the answer's key is new in its scope. */
  private writeOnce(answer: ScopedAnswer | null, write: () => void): StoredAnswer | null {
    if (answer === null) {
      write();
      return null;
    }
    const answers = this.answersIn(answer.scope);
    const stored = answers.get(answer.key);
    if (stored !== undefined) return storedOf(stored);
    write();
    answers.set(answer.key, keptOf(answer));
    return null;
  }
}
