/**
 * A store that times where a batch spends its time, without changing what it does: every call is
 * passed through, and the wrapper adds two `performance.now()` calls per store call. The engine's
 * own work inside a batch (the pure core, answers, idempotency fingerprints) is what is left of
 * the transaction's callback once the store calls are taken out.
 */
import type {
  Grant,
  Hold,
  LedgerSnapshot,
  LedgerState,
  RateCard,
  Transfer,
} from "@creditpool/core";
import type { SignalReads } from "../packages/server/src/store/alert-signals.ts";
import type { AlertStore } from "../packages/server/src/store/alerts.ts";
import type { BillingStore } from "../packages/server/src/store/billing.ts";
import type {
  KeyRow,
  MemberRow,
  Page,
  ScopedAnswer,
} from "../packages/server/src/store/directory.ts";
import type { EventStore } from "../packages/server/src/store/events.ts";
import type { GatewayCallStore } from "../packages/server/src/store/gateway-calls.ts";
import type { GrantFilter } from "../packages/server/src/store/ledger-reads.ts";
import type {
  AnswerCutoffs,
  ApprovalRow,
  AuditStore,
  DecisionFilter,
  ExportCheckpointStore,
  OrganizationRow,
  Store,
  StoredAnswer,
  StoreTransaction,
  TestClockStore,
  TotalsStore,
  TransferQuery,
  UsageBucketStore,
} from "../packages/server/src/store/port.ts";
import type { QuoteRow } from "../packages/server/src/store/pricing.ts";
import type { RecurringGrantStore } from "../packages/server/src/store/recurring-grants.ts";
import type { RoutingPolicyStore } from "../packages/server/src/store/routing-policies.ts";
import type { SeatAssignmentStore } from "../packages/server/src/store/seat-assignments.ts";
import type { UpstreamStore } from "../packages/server/src/store/upstreams.ts";
import type { WebhookStore } from "../packages/server/src/store/webhooks.ts";

export const phaseNames = ["beginCommit", "lock", "load", "answers", "write", "engine"] as const;

export type PhaseName = (typeof phaseNames)[number];

export type PhaseTotals = Record<PhaseName, number>;

export function emptyPhases(): PhaseTotals {
  return { beginCommit: 0, lock: 0, load: 0, answers: 0, write: 0, engine: 0 };
}

/**
 * The billing, recurring grants', totals, usage buckets', events', webhooks', alerts', upstream accounts' and
 * routing policies' ports' methods: not
 * timed, they go straight to the inner store.
 */
const billingMethods = [
  "insertPlan",
  "listPlans",
  "readPlan",
  "insertSubscription",
  "readSubscription",
  "listSubscriptions",
  "updateSubscription",
  "dueSubscriptions",
  "autoTopUpSubscriptions",
  "pendingSubscriptions",
  "insertTestClock",
  "readTestClock",
  "findTestClock",
  "listAuditRecords",
  "readAuditHead",
  "listAuditOrganizations",
  "readInvoice",
  "readInvoiceForPeriod",
  "listInvoices",
  "saveInvoice",
  "insertRecurringGrant",
  "readRecurringGrant",
  "listRecurringGrants",
  "countRecurringGrants",
  "updateRecurringGrant",
  "dueRecurringGrants",
  "totalsCheckpoint",
  "addTotals",
  "readTotals",
  "organizationsBehind",
  "usageCheckpoint",
  "addUsageBuckets",
  "readUsageBuckets",
  "sumUsageBuckets",
  "organizationsBehindUsage",
  "readNames",
  "appendEvents",
  "appendEventsAt",
  "readEvent",
  "listEvents",
  "eventCheckpoint",
  "eventsBehind",
  "grantsExpiringSoon",
  "pruneEvents",
  "insertWebhookEndpoint",
  "readWebhookEndpoint",
  "listWebhookEndpoints",
  "countWebhookEndpoints",
  "updateWebhookEndpoint",
  "deleteWebhookEndpoint",
  "insertTestEvent",
  "dispatchEvents",
  "insertDeliveries",
  "readDelivery",
  "listDeliveries",
  "claimDeliveries",
  "finishDelivery",
  "exportCheckpoint",
  "exportsBehind",
  "claimExport",
  "moveExportCheckpoint",
  "releaseExport",
  "insertAlertRule",
  "readAlertRule",
  "listAlertRules",
  "countAlertRules",
  "updateAlertRule",
  "deleteAlertRule",
  "alertRuleOrganizations",
  "raiseAlert",
  "readAlert",
  "listAlerts",
  "unresolvedAlerts",
  "updateAlert",
  "pruneAlerts",
  "keyedHolds",
  "outcomeAnswers",
  "insertGatewayCalls",
  "readGatewayCall",
  "listGatewayCalls",
  "insertUpstreamAccount",
  "readUpstreamAccount",
  "listUpstreamAccounts",
  "countUpstreamAccounts",
  "updateUpstreamAccount",
  "deleteUpstreamAccount",
  "listUpstreamUsage",
  "recordUpstreamUse",
  "coolUpstreamAccount",
  "insertRoutingPolicy",
  "readRoutingPolicy",
  "listRoutingPolicies",
  "routingPoliciesOfPools",
  "updateRoutingPolicy",
  "deleteRoutingPolicy",
  "assignSeat",
  "unassignSeat",
  "readSeatAssignment",
  "listSeatAssignments",
  "seatGates",
] as const satisfies readonly (keyof (BillingStore &
  RecurringGrantStore &
  TotalsStore &
  UsageBucketStore &
  TestClockStore &
  AuditStore &
  EventStore &
  WebhookStore &
  ExportCheckpointStore &
  AlertStore &
  SignalReads &
  GatewayCallStore &
  UpstreamStore &
  RoutingPolicyStore &
  SeatAssignmentStore))[];

export class TimedStore implements Store {
  readonly dialect: Store["dialect"];
  declare readonly insertPlan: Store["insertPlan"];
  declare readonly listPlans: Store["listPlans"];
  declare readonly readPlan: Store["readPlan"];
  declare readonly insertSubscription: Store["insertSubscription"];
  declare readonly readSubscription: Store["readSubscription"];
  declare readonly listSubscriptions: Store["listSubscriptions"];
  declare readonly updateSubscription: Store["updateSubscription"];
  declare readonly dueSubscriptions: Store["dueSubscriptions"];
  declare readonly autoTopUpSubscriptions: Store["autoTopUpSubscriptions"];
  declare readonly pendingSubscriptions: Store["pendingSubscriptions"];
  declare readonly insertTestClock: Store["insertTestClock"];
  declare readonly readTestClock: Store["readTestClock"];
  declare readonly findTestClock: Store["findTestClock"];
  declare readonly listAuditRecords: Store["listAuditRecords"];
  declare readonly readAuditHead: Store["readAuditHead"];
  declare readonly listAuditOrganizations: Store["listAuditOrganizations"];
  declare readonly readInvoice: Store["readInvoice"];
  declare readonly readInvoiceForPeriod: Store["readInvoiceForPeriod"];
  declare readonly listInvoices: Store["listInvoices"];
  declare readonly saveInvoice: Store["saveInvoice"];
  declare readonly insertRecurringGrant: Store["insertRecurringGrant"];
  declare readonly readRecurringGrant: Store["readRecurringGrant"];
  declare readonly listRecurringGrants: Store["listRecurringGrants"];
  declare readonly countRecurringGrants: Store["countRecurringGrants"];
  declare readonly updateRecurringGrant: Store["updateRecurringGrant"];
  declare readonly dueRecurringGrants: Store["dueRecurringGrants"];
  declare readonly totalsCheckpoint: Store["totalsCheckpoint"];
  declare readonly addTotals: Store["addTotals"];
  declare readonly readTotals: Store["readTotals"];
  declare readonly organizationsBehind: Store["organizationsBehind"];
  declare readonly usageCheckpoint: Store["usageCheckpoint"];
  declare readonly addUsageBuckets: Store["addUsageBuckets"];
  declare readonly readUsageBuckets: Store["readUsageBuckets"];
  declare readonly sumUsageBuckets: Store["sumUsageBuckets"];
  declare readonly organizationsBehindUsage: Store["organizationsBehindUsage"];
  declare readonly readNames: Store["readNames"];
  declare readonly appendEvents: Store["appendEvents"];
  declare readonly appendEventsAt: Store["appendEventsAt"];
  declare readonly readEvent: Store["readEvent"];
  declare readonly listEvents: Store["listEvents"];
  declare readonly eventCheckpoint: Store["eventCheckpoint"];
  declare readonly eventsBehind: Store["eventsBehind"];
  declare readonly grantsExpiringSoon: Store["grantsExpiringSoon"];
  declare readonly pruneEvents: Store["pruneEvents"];
  declare readonly insertWebhookEndpoint: Store["insertWebhookEndpoint"];
  declare readonly readWebhookEndpoint: Store["readWebhookEndpoint"];
  declare readonly listWebhookEndpoints: Store["listWebhookEndpoints"];
  declare readonly countWebhookEndpoints: Store["countWebhookEndpoints"];
  declare readonly updateWebhookEndpoint: Store["updateWebhookEndpoint"];
  declare readonly deleteWebhookEndpoint: Store["deleteWebhookEndpoint"];
  declare readonly insertTestEvent: Store["insertTestEvent"];
  declare readonly dispatchEvents: Store["dispatchEvents"];
  declare readonly insertDeliveries: Store["insertDeliveries"];
  declare readonly readDelivery: Store["readDelivery"];
  declare readonly listDeliveries: Store["listDeliveries"];
  declare readonly claimDeliveries: Store["claimDeliveries"];
  declare readonly finishDelivery: Store["finishDelivery"];
  declare readonly exportCheckpoint: Store["exportCheckpoint"];
  declare readonly exportsBehind: Store["exportsBehind"];
  declare readonly claimExport: Store["claimExport"];
  declare readonly moveExportCheckpoint: Store["moveExportCheckpoint"];
  declare readonly releaseExport: Store["releaseExport"];
  declare readonly insertAlertRule: Store["insertAlertRule"];
  declare readonly readAlertRule: Store["readAlertRule"];
  declare readonly listAlertRules: Store["listAlertRules"];
  declare readonly countAlertRules: Store["countAlertRules"];
  declare readonly updateAlertRule: Store["updateAlertRule"];
  declare readonly deleteAlertRule: Store["deleteAlertRule"];
  declare readonly alertRuleOrganizations: Store["alertRuleOrganizations"];
  declare readonly raiseAlert: Store["raiseAlert"];
  declare readonly readAlert: Store["readAlert"];
  declare readonly listAlerts: Store["listAlerts"];
  declare readonly unresolvedAlerts: Store["unresolvedAlerts"];
  declare readonly updateAlert: Store["updateAlert"];
  declare readonly pruneAlerts: Store["pruneAlerts"];
  declare readonly keyedHolds: Store["keyedHolds"];
  declare readonly outcomeAnswers: Store["outcomeAnswers"];
  declare readonly insertGatewayCalls: Store["insertGatewayCalls"];
  declare readonly readGatewayCall: Store["readGatewayCall"];
  declare readonly listGatewayCalls: Store["listGatewayCalls"];
  declare readonly insertUpstreamAccount: Store["insertUpstreamAccount"];
  declare readonly readUpstreamAccount: Store["readUpstreamAccount"];
  declare readonly listUpstreamAccounts: Store["listUpstreamAccounts"];
  declare readonly countUpstreamAccounts: Store["countUpstreamAccounts"];
  declare readonly updateUpstreamAccount: Store["updateUpstreamAccount"];
  declare readonly deleteUpstreamAccount: Store["deleteUpstreamAccount"];
  declare readonly listUpstreamUsage: Store["listUpstreamUsage"];
  declare readonly recordUpstreamUse: Store["recordUpstreamUse"];
  declare readonly coolUpstreamAccount: Store["coolUpstreamAccount"];
  declare readonly insertRoutingPolicy: Store["insertRoutingPolicy"];
  declare readonly readRoutingPolicy: Store["readRoutingPolicy"];
  declare readonly listRoutingPolicies: Store["listRoutingPolicies"];
  declare readonly routingPoliciesOfPools: Store["routingPoliciesOfPools"];
  declare readonly updateRoutingPolicy: Store["updateRoutingPolicy"];
  declare readonly deleteRoutingPolicy: Store["deleteRoutingPolicy"];
  declare readonly assignSeat: Store["assignSeat"];
  declare readonly unassignSeat: Store["unassignSeat"];
  declare readonly readSeatAssignment: Store["readSeatAssignment"];
  declare readonly listSeatAssignments: Store["listSeatAssignments"];
  declare readonly seatGates: Store["seatGates"];
  /** Milliseconds per phase, summed over every transaction since the last `resetPhases`. */
  phases: PhaseTotals = emptyPhases();
  transactions = 0;

  /** Present when the inner store has the one-statement fast path (PostgreSQL). */
  readonly writeIfUnchanged?: Store["writeIfUnchanged"];

  constructor(private readonly inner: Store) {
    this.dialect = inner.dialect;
    for (const name of billingMethods) Object.assign(this, { [name]: inner[name].bind(inner) });
    const fast = inner.writeIfUnchanged?.bind(inner);
    if (fast !== undefined) {
      this.writeIfUnchanged = async (batch, expectedVersion) => {
        const started = performance.now();
        try {
          return await fast(batch, expectedVersion);
        } finally {
          this.phases.write += performance.now() - started;
          this.transactions += 1;
        }
      };
    }
  }

  resetPhases(): void {
    this.phases = emptyPhases();
    this.transactions = 0;
  }

  async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const phases = this.phases;
    const began = performance.now();
    let inside = 0;
    let inStore = 0;
    const timed = <R>(phase: PhaseName, call: () => Promise<R>) => {
      const started = performance.now();
      return call().finally(() => {
        const spent = performance.now() - started;
        phases[phase] += spent;
        inStore += spent;
      });
    };
    try {
      return await this.inner.transaction(async (tx) => {
        const entered = performance.now();
        try {
          return await work({
            lockOrganizations: (ids) => timed("lock", () => tx.lockOrganizations(ids)),
            loadState: (organization) => timed("load", () => tx.loadState(organization)),
            loadHolds: (id, ids) => timed("load", () => tx.loadHolds(id, ids)),
            loadGrants: (id, ids) => timed("load", () => tx.loadGrants(id, ids)),
            findAnswers: (id, keys) => timed("answers", () => tx.findAnswers(id, keys)),
            loadTallies: (id, keys) => timed("load", () => tx.loadTallies(id, keys)),
            createOrganization: (organization, root, owner) =>
              timed("write", () => tx.createOrganization(organization, root, owner)),
            write: (batch) => timed("write", () => tx.write(batch)),
          });
        } finally {
          inside = performance.now() - entered;
        }
      });
    } finally {
      phases.beginCommit += performance.now() - began - inside;
      phases.engine += inside - inStore;
      this.transactions += 1;
    }
  }

  readOrganization(id: string): Promise<OrganizationRow | null> {
    return this.inner.readOrganization(id);
  }

  readState(organizationId: string): Promise<LedgerState | null> {
    return this.inner.readState(organizationId);
  }

  readView(organizationId: string, now: number): Promise<LedgerState | null> {
    return this.inner.readView(organizationId, now);
  }

  readPoolParents(organizationId: string): Promise<Map<string, string | null>> {
    return this.inner.readPoolParents(organizationId);
  }

  readSnapshot(organizationId: string): Promise<LedgerSnapshot> {
    return this.inner.readSnapshot(organizationId);
  }

  listOrganizationIds(): Promise<string[]> {
    return this.inner.listOrganizationIds();
  }

  dueOrganizationIds(now: number, limit: number): Promise<string[]> {
    return this.inner.dueOrganizationIds(now, limit);
  }

  pruneAnswers(cutoffs: AnswerCutoffs, limit: number): Promise<number> {
    return this.inner.pruneAnswers(cutoffs, limit);
  }

  listTransfers(organizationId: string, query: TransferQuery): Promise<Transfer[]> {
    return this.inner.listTransfers(organizationId, query);
  }

  insertKey(key: KeyRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    return this.inner.insertKey(key, answer);
  }

  findKeyByHash(hash: string): Promise<KeyRow | null> {
    return this.inner.findKeyByHash(hash);
  }

  listKeys(organizationId: string, page: Page): Promise<KeyRow[]> {
    return this.inner.listKeys(organizationId, page);
  }

  revokeKey(organizationId: string, id: string, at: number): Promise<KeyRow | null> {
    return this.inner.revokeKey(organizationId, id, at);
  }

  countOperatorKeys(): Promise<number> {
    return this.inner.countOperatorKeys();
  }

  replaceOperatorKeys(key: KeyRow): Promise<void> {
    return this.inner.replaceOperatorKeys(key);
  }

  insertMember(member: MemberRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    return this.inner.insertMember(member, answer);
  }

  readMember(organizationId: string, id: string): Promise<MemberRow | null> {
    return this.inner.readMember(organizationId, id);
  }

  listMembers(organizationId: string, page: Page): Promise<MemberRow[]> {
    return this.inner.listMembers(organizationId, page);
  }

  findAnswer(scope: string, key: string): Promise<StoredAnswer | null> {
    return this.inner.findAnswer(scope, key);
  }

  listDecisions(organizationId: string, filter: DecisionFilter, page: Page) {
    return this.inner.listDecisions(organizationId, filter, page);
  }
  readDecision(organizationId: string, id: string) {
    return this.inner.readDecision(organizationId, id);
  }
  pruneDecisions(before: number, limit: number) {
    return this.inner.pruneDecisions(before, limit);
  }
  decideApproval(organizationId: string, approval: ApprovalRow) {
    return this.inner.decideApproval(organizationId, approval);
  }
  readApprovals(organizationId: string, decisionIds: readonly string[]) {
    return this.inner.readApprovals(organizationId, decisionIds);
  }
  readHold(organizationId: string, id: string): Promise<Hold | null> {
    return this.inner.readHold(organizationId, id);
  }

  readGrant(organizationId: string, id: string): Promise<Grant | null> {
    return this.inner.readGrant(organizationId, id);
  }

  listGrants(organizationId: string, filter: GrantFilter): Promise<Grant[]> {
    return this.inner.listGrants(organizationId, filter);
  }

  readKey(organizationId: string, id: string): Promise<KeyRow | null> {
    return this.inner.readKey(organizationId, id);
  }

  insertRateCard(
    scope: string,
    card: RateCard,
    createdAt: number,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    return this.inner.insertRateCard(scope, card, createdAt, answer);
  }

  listRateCards(scope: string): Promise<RateCard[]> {
    return this.inner.listRateCards(scope);
  }

  insertQuote(quote: QuoteRow, answer: ScopedAnswer | null = null): Promise<StoredAnswer | null> {
    return this.inner.insertQuote(quote, answer);
  }

  readQuote(organizationId: string, id: string): Promise<QuoteRow | null> {
    return this.inner.readQuote(organizationId, id);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
