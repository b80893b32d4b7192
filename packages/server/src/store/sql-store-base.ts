/**
 * What the SQLite and PostgreSQL stores share beyond the ledger's batches: the directory (keys,
 * members), pricing, billing, recurring grants, ledger totals, test clocks, export checkpoints,
 * alerts, upstream accounts, routing policies, seat assignments and reads of settled objects, over one `SqlRunner` each.
 */
import { type Grant, type Hold, limits } from "@creditpool/core";
import { type SignalReads, SqlSignalReads } from "./alert-signals.ts";
import { type AlertStore, SqlAlerts } from "./alerts.ts";
import {
  type AuditEntry,
  type AuditHead,
  type AuditQuery,
  type AuditRecord,
  type AuditStore,
  SqlAudit,
} from "./audit.ts";
import {
  type BillingStore,
  type InvoicePage,
  type InvoiceRow,
  type InvoiceWrite,
  type PlanRow,
  SqlBilling,
  type SubscriptionKey,
  type SubscriptionRow,
} from "./billing.ts";
import {
  type Directory,
  type KeyRow,
  type MemberRow,
  type Page,
  type ScopedAnswer,
  SqlDirectory,
  type SqlRunner,
} from "./directory.ts";
import {
  type EventCheckpoint,
  type EventDraft,
  type EventQuery,
  type EventRow,
  type EventStore,
  SqlEvents,
} from "./events.ts";
import {
  type ExportBehind,
  type ExportCheckpointStore,
  type ExportKey,
  SqlExportCheckpoints,
} from "./export-checkpoints.ts";
import { type GatewayCallStore, SqlGatewayCalls } from "./gateway-calls.ts";
import {
  type ApprovalRow,
  type DecisionFilter,
  type DecisionRow,
  type DecisionStore,
  SqlDecisions,
} from "./governance.ts";
import { type GrantFilter, type LedgerReads, SqlLedgerReads } from "./ledger-reads.ts";
import { type PricingStore, SqlPricing } from "./pricing.ts";
import type { StoredAnswer } from "./records.ts";
import {
  type RecurringGrantKey,
  type RecurringGrantRow,
  type RecurringGrantStore,
  SqlRecurringGrants,
} from "./recurring-grants.ts";
import { type RoutingPolicyStore, SqlRoutingPolicies } from "./routing-policies.ts";
import { type SeatAssignmentStore as Seats, SqlSeatAssignments } from "./seat-assignments.ts";
import { SqlTestClocks, type TestClockRow, type TestClockStore } from "./test-clocks.ts";
import { SqlTotals, type TotalsStore } from "./totals.ts";
import { SqlUpstreams, type UpstreamStore } from "./upstreams.ts";
import { SqlUsageBuckets, type UsageBucketStore } from "./usage-buckets.ts";
import {
  type ClaimBounds,
  type DeliveryPage,
  type DeliveryRow,
  SqlWebhooks,
  type WebhookStore,
} from "./webhooks.ts";

export abstract class SqlStoreBase
  implements
    Directory,
    LedgerReads,
    PricingStore,
    BillingStore,
    RecurringGrantStore,
    TotalsStore,
    UsageBucketStore,
    TestClockStore,
    DecisionStore,
    AuditStore,
    EventStore,
    WebhookStore,
    ExportCheckpointStore,
    AlertStore,
    SignalReads,
    GatewayCallStore,
    UpstreamStore,
    RoutingPolicyStore,
    Seats
{
  private readonly directory: SqlDirectory;
  private readonly reads: SqlLedgerReads;
  private readonly pricing: SqlPricing;
  private readonly billing: SqlBilling;
  private readonly totals: SqlTotals;
  private readonly usage: SqlUsageBuckets;
  private readonly clocks: SqlTestClocks;
  private readonly recurring: SqlRecurringGrants;
  private readonly decisions: SqlDecisions;
  private readonly audit: SqlAudit;
  private readonly events: SqlEvents;
  private readonly webhooks: SqlWebhooks;
  private readonly exports: SqlExportCheckpoints;
  private readonly alerts: SqlAlerts;
  private readonly signals: SqlSignalReads;
  private readonly calls: SqlGatewayCalls;
  private readonly upstreams: SqlUpstreams;
  private readonly routing: SqlRoutingPolicies;
  private readonly seats: SqlSeatAssignments;

  /** `skipLocked`: the dialect claims rows with `FOR UPDATE SKIP LOCKED` (PostgreSQL). */
  protected constructor(runner: SqlRunner, skipLocked = false) {
    this.events = new SqlEvents(runner, limits.eventDataBytesMax);
    this.webhooks = new SqlWebhooks(runner, skipLocked, limits.eventDataBytesMax);
    this.directory = new SqlDirectory(runner);
    this.reads = new SqlLedgerReads(runner);
    this.pricing = new SqlPricing(runner);
    this.billing = new SqlBilling(runner);
    this.totals = new SqlTotals(runner);
    this.usage = new SqlUsageBuckets(runner);
    this.clocks = new SqlTestClocks(runner);
    this.recurring = new SqlRecurringGrants(runner);
    this.decisions = new SqlDecisions(runner);
    this.audit = new SqlAudit(runner);
    this.exports = new SqlExportCheckpoints(runner);
    this.alerts = new SqlAlerts(runner);
    this.signals = new SqlSignalReads(runner);
    this.calls = new SqlGatewayCalls(runner);
    this.upstreams = new SqlUpstreams(runner);
    this.routing = new SqlRoutingPolicies(runner);
    this.seats = new SqlSeatAssignments(runner);
  }

  insertGatewayCalls: GatewayCallStore["insertGatewayCalls"] = (...a) =>
    this.calls.insertGatewayCalls(...a);
  readGatewayCall: GatewayCallStore["readGatewayCall"] = (...a) => this.calls.readGatewayCall(...a);
  listGatewayCalls: GatewayCallStore["listGatewayCalls"] = (...a) =>
    this.calls.listGatewayCalls(...a);

  keyedHolds: SignalReads["keyedHolds"] = (...a) => this.signals.keyedHolds(...a);
  outcomeAnswers: SignalReads["outcomeAnswers"] = (...a) => this.signals.outcomeAnswers(...a);

  insertUpstreamAccount: UpstreamStore["insertUpstreamAccount"] = (...a) =>
    this.upstreams.insertUpstreamAccount(...a);
  readUpstreamAccount: UpstreamStore["readUpstreamAccount"] = (...a) =>
    this.upstreams.readUpstreamAccount(...a);
  listUpstreamAccounts: UpstreamStore["listUpstreamAccounts"] = (...a) =>
    this.upstreams.listUpstreamAccounts(...a);
  countUpstreamAccounts: UpstreamStore["countUpstreamAccounts"] = (...a) =>
    this.upstreams.countUpstreamAccounts(...a);
  updateUpstreamAccount: UpstreamStore["updateUpstreamAccount"] = (...a) =>
    this.upstreams.updateUpstreamAccount(...a);
  deleteUpstreamAccount: UpstreamStore["deleteUpstreamAccount"] = (...a) =>
    this.upstreams.deleteUpstreamAccount(...a);
  listUpstreamUsage: UpstreamStore["listUpstreamUsage"] = (...a) =>
    this.upstreams.listUpstreamUsage(...a);
  recordUpstreamUse: UpstreamStore["recordUpstreamUse"] = (...a) =>
    this.upstreams.recordUpstreamUse(...a);
  coolUpstreamAccount: UpstreamStore["coolUpstreamAccount"] = (...a) =>
    this.upstreams.coolUpstreamAccount(...a);

  insertRoutingPolicy: RoutingPolicyStore["insertRoutingPolicy"] = (...a) =>
    this.routing.insertRoutingPolicy(...a);
  readRoutingPolicy: RoutingPolicyStore["readRoutingPolicy"] = (...a) =>
    this.routing.readRoutingPolicy(...a);
  listRoutingPolicies: RoutingPolicyStore["listRoutingPolicies"] = (...a) =>
    this.routing.listRoutingPolicies(...a);
  routingPoliciesOfPools: RoutingPolicyStore["routingPoliciesOfPools"] = (...a) =>
    this.routing.routingPoliciesOfPools(...a);
  updateRoutingPolicy: RoutingPolicyStore["updateRoutingPolicy"] = (...a) =>
    this.routing.updateRoutingPolicy(...a);
  deleteRoutingPolicy: RoutingPolicyStore["deleteRoutingPolicy"] = (...a) =>
    this.routing.deleteRoutingPolicy(...a);

  insertAlertRule: AlertStore["insertAlertRule"] = (...a) => this.alerts.insertAlertRule(...a);
  readAlertRule: AlertStore["readAlertRule"] = (...a) => this.alerts.readAlertRule(...a);
  listAlertRules: AlertStore["listAlertRules"] = (...a) => this.alerts.listAlertRules(...a);
  countAlertRules: AlertStore["countAlertRules"] = (...a) => this.alerts.countAlertRules(...a);
  updateAlertRule: AlertStore["updateAlertRule"] = (...a) => this.alerts.updateAlertRule(...a);
  deleteAlertRule: AlertStore["deleteAlertRule"] = (...a) => this.alerts.deleteAlertRule(...a);
  alertRuleOrganizations: AlertStore["alertRuleOrganizations"] = (...a) =>
    this.alerts.alertRuleOrganizations(...a);
  raiseAlert: AlertStore["raiseAlert"] = (...a) => this.alerts.raiseAlert(...a);
  readAlert: AlertStore["readAlert"] = (...a) => this.alerts.readAlert(...a);
  listAlerts: AlertStore["listAlerts"] = (...a) => this.alerts.listAlerts(...a);
  unresolvedAlerts: AlertStore["unresolvedAlerts"] = (...a) => this.alerts.unresolvedAlerts(...a);
  updateAlert: AlertStore["updateAlert"] = (...a) => this.alerts.updateAlert(...a);
  pruneAlerts: AlertStore["pruneAlerts"] = (...a) => this.alerts.pruneAlerts(...a);

  listDecisions(organizationId: string, filter: DecisionFilter, page: Page) {
    return this.decisions.listDecisions(organizationId, filter, page);
  }
  readDecision(organizationId: string, id: string): Promise<DecisionRow | null> {
    return this.decisions.readDecision(organizationId, id);
  }
  pruneDecisions(before: number, limit: number): Promise<number> {
    return this.decisions.pruneDecisions(before, limit);
  }
  decideApproval(
    organizationId: string,
    approval: ApprovalRow,
    audit: AuditEntry | null = null,
  ): Promise<ApprovalRow> {
    return this.decisions.decideApproval(organizationId, approval, audit);
  }
  readApprovals(organizationId: string, decisionIds: readonly string[]) {
    return this.decisions.readApprovals(organizationId, decisionIds);
  }

  listAuditRecords(organizationId: string, query: AuditQuery): Promise<AuditRecord[]> {
    return this.audit.listAuditRecords(organizationId, query);
  }
  readAuditHead(organizationId: string): Promise<AuditHead | null> {
    return this.audit.readAuditHead(organizationId);
  }
  listAuditOrganizations(afterId: string, limit: number): Promise<string[]> {
    return this.audit.listAuditOrganizations(afterId, limit);
  }

  insertRateCard: PricingStore["insertRateCard"] = (...a) => this.pricing.insertRateCard(...a);
  listRateCards: PricingStore["listRateCards"] = (...a) => this.pricing.listRateCards(...a);
  insertQuote: PricingStore["insertQuote"] = (...a) => this.pricing.insertQuote(...a);
  readQuote: PricingStore["readQuote"] = (...a) => this.pricing.readQuote(...a);

  assignSeat: Seats["assignSeat"] = (...a) => this.seats.assignSeat(...a);
  unassignSeat: Seats["unassignSeat"] = (...a) => this.seats.unassignSeat(...a);
  readSeatAssignment: Seats["readSeatAssignment"] = (...a) => this.seats.readSeatAssignment(...a);
  listSeatAssignments: Seats["listSeatAssignments"] = (...a) =>
    this.seats.listSeatAssignments(...a);
  seatGates: Seats["seatGates"] = (...a) => this.seats.seatGates(...a);

  insertPlan(plan: PlanRow, answer: ScopedAnswer | null = null): Promise<StoredAnswer | null> {
    return this.billing.insertPlan(plan, answer);
  }
  listPlans(scope: string): Promise<PlanRow[]> {
    return this.billing.listPlans(scope);
  }
  readPlan(scope: string, id: string, version: number): Promise<PlanRow | null> {
    return this.billing.readPlan(scope, id, version);
  }
  insertSubscription(
    row: SubscriptionRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    return this.billing.insertSubscription(row, answer);
  }
  readSubscription(organizationId: string, id: string): Promise<SubscriptionRow | null> {
    return this.billing.readSubscription(organizationId, id);
  }
  listSubscriptions(organizationId: string, page: Page): Promise<SubscriptionRow[]> {
    return this.billing.listSubscriptions(organizationId, page);
  }
  updateSubscription(
    next: SubscriptionRow,
    expectedVersion: number,
    invoices: readonly InvoiceWrite[] = [],
    answer: ScopedAnswer | null = null,
    audit: readonly AuditEntry[] = [],
  ): Promise<boolean> {
    return this.billing.updateSubscription(next, expectedVersion, invoices, answer, audit);
  }
  dueSubscriptions(now: number, limit: number): Promise<SubscriptionKey[]> {
    return this.billing.dueSubscriptions(now, limit);
  }
  pendingSubscriptions(limit: number): Promise<SubscriptionKey[]> {
    return this.billing.pendingSubscriptions(limit);
  }
  autoTopUpSubscriptions(limit: number, after?: SubscriptionKey): Promise<SubscriptionKey[]> {
    return this.billing.autoTopUpSubscriptions(limit, after);
  }
  readInvoice(organizationId: string, id: string): Promise<InvoiceRow | null> {
    return this.billing.readInvoice(organizationId, id);
  }
  readInvoiceForPeriod(
    organizationId: string,
    subscriptionId: string,
    periodIndex: number,
  ): Promise<InvoiceRow | null> {
    return this.billing.readInvoiceForPeriod(organizationId, subscriptionId, periodIndex);
  }
  listInvoices(organizationId: string, page: InvoicePage): Promise<InvoiceRow[]> {
    return this.billing.listInvoices(organizationId, page);
  }
  saveInvoice(
    row: InvoiceRow,
    expectedVersion: number | null,
    answer: ScopedAnswer | null = null,
  ): Promise<boolean | StoredAnswer> {
    return this.billing.saveInvoice(row, expectedVersion, answer);
  }

  insertRecurringGrant(
    row: RecurringGrantRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    return this.recurring.insertRecurringGrant(row, answer);
  }
  readRecurringGrant(organizationId: string, id: string): Promise<RecurringGrantRow | null> {
    return this.recurring.readRecurringGrant(organizationId, id);
  }
  listRecurringGrants(organizationId: string, page: Page): Promise<RecurringGrantRow[]> {
    return this.recurring.listRecurringGrants(organizationId, page);
  }
  countRecurringGrants(organizationId: string): Promise<number> {
    return this.recurring.countRecurringGrants(organizationId);
  }
  updateRecurringGrant(
    next: RecurringGrantRow,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
  ): Promise<boolean> {
    return this.recurring.updateRecurringGrant(next, expectedVersion, answer);
  }
  dueRecurringGrants(now: number, limit: number): Promise<RecurringGrantKey[]> {
    return this.recurring.dueRecurringGrants(now, limit);
  }

  insertKey(key: KeyRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    return this.directory.insertKey(key, answer);
  }
  findKeyByHash(hash: string): Promise<KeyRow | null> {
    return this.directory.findKeyByHash(hash);
  }
  listKeys(organizationId: string, page: Page): Promise<KeyRow[]> {
    return this.directory.listKeys(organizationId, page);
  }
  readKey(organizationId: string, id: string): Promise<KeyRow | null> {
    return this.directory.readKey(organizationId, id);
  }
  revokeKey(
    organizationId: string,
    id: string,
    at: number,
    audit: ((revoked: KeyRow) => AuditEntry) | null = null,
  ): Promise<KeyRow | null> {
    return this.directory.revokeKey(organizationId, id, at, audit);
  }
  countOperatorKeys(): Promise<number> {
    return this.directory.countOperatorKeys();
  }
  replaceOperatorKeys(key: KeyRow): Promise<void> {
    return this.directory.replaceOperatorKeys(key);
  }
  insertMember(member: MemberRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    return this.directory.insertMember(member, answer);
  }
  readMember(organizationId: string, id: string): Promise<MemberRow | null> {
    return this.directory.readMember(organizationId, id);
  }
  listMembers(organizationId: string, page: Page): Promise<MemberRow[]> {
    return this.directory.listMembers(organizationId, page);
  }
  findAnswer(scope: string, key: string): Promise<StoredAnswer | null> {
    return this.directory.findAnswer(scope, key);
  }
  readHold(organizationId: string, id: string): Promise<Hold | null> {
    return this.reads.readHold(organizationId, id);
  }
  readGrant(organizationId: string, id: string): Promise<Grant | null> {
    return this.reads.readGrant(organizationId, id);
  }
  listGrants(organizationId: string, filter: GrantFilter): Promise<Grant[]> {
    return this.reads.listGrants(organizationId, filter);
  }

  totalsCheckpoint: TotalsStore["totalsCheckpoint"] = (...a) => this.totals.totalsCheckpoint(...a);
  addTotals: TotalsStore["addTotals"] = (...a) => this.totals.addTotals(...a);
  readTotals: TotalsStore["readTotals"] = (...a) => this.totals.readTotals(...a);
  organizationsBehind: TotalsStore["organizationsBehind"] = (...a) =>
    this.totals.organizationsBehind(...a);
  usageCheckpoint: UsageBucketStore["usageCheckpoint"] = (...a) => this.usage.usageCheckpoint(...a);
  addUsageBuckets: UsageBucketStore["addUsageBuckets"] = (...a) => this.usage.addUsageBuckets(...a);
  readUsageBuckets: UsageBucketStore["readUsageBuckets"] = (...a) =>
    this.usage.readUsageBuckets(...a);
  sumUsageBuckets: UsageBucketStore["sumUsageBuckets"] = (...a) => this.usage.sumUsageBuckets(...a);
  organizationsBehindUsage: UsageBucketStore["organizationsBehindUsage"] = (...a) =>
    this.usage.organizationsBehindUsage(...a);
  readNames: UsageBucketStore["readNames"] = (...a) => this.usage.readNames(...a);
  insertTestClock(row: TestClockRow, answer: ScopedAnswer | null) {
    return this.clocks.insertTestClock(row, answer);
  }
  readTestClock(organizationId: string): Promise<TestClockRow | null> {
    return this.clocks.readTestClock(organizationId);
  }
  findTestClock(id: string): Promise<TestClockRow | null> {
    return this.clocks.findTestClock(id);
  }

  appendEvents(drafts: readonly EventDraft[]): Promise<EventRow[]> {
    return this.events.appendEvents(drafts);
  }
  appendEventsAt(
    organizationId: string,
    checkpoint: EventCheckpoint,
    from: number,
    to: number,
    drafts: readonly EventDraft[],
  ): Promise<boolean> {
    return this.events.appendEventsAt(organizationId, checkpoint, from, to, drafts);
  }
  readEvent(organizationId: string, id: string): Promise<EventRow | null> {
    return this.events.readEvent(organizationId, id);
  }
  listEvents(organizationId: string, query: EventQuery): Promise<EventRow[]> {
    return this.events.listEvents(organizationId, query);
  }
  eventCheckpoint(organizationId: string, checkpoint: EventCheckpoint): Promise<number> {
    return this.events.eventCheckpoint(organizationId, checkpoint);
  }
  eventsBehind(checkpoint: EventCheckpoint, limit: number, after?: string) {
    return this.events.eventsBehind(checkpoint, limit, after);
  }
  grantsExpiringSoon(now: number, until: number, limit: number) {
    return this.events.grantsExpiringSoon(now, until, limit);
  }
  pruneEvents(before: number, limit: number): Promise<number> {
    return this.events.pruneEvents(before, limit);
  }

  insertWebhookEndpoint: WebhookStore["insertWebhookEndpoint"] = (...a) =>
    this.webhooks.insertWebhookEndpoint(...a);
  readWebhookEndpoint(organizationId: string, id: string) {
    return this.webhooks.readWebhookEndpoint(organizationId, id);
  }
  listWebhookEndpoints(organizationId: string, page: Page) {
    return this.webhooks.listWebhookEndpoints(organizationId, page);
  }
  countWebhookEndpoints(organizationId: string): Promise<number> {
    return this.webhooks.countWebhookEndpoints(organizationId);
  }
  updateWebhookEndpoint: WebhookStore["updateWebhookEndpoint"] = (...a) =>
    this.webhooks.updateWebhookEndpoint(...a);
  deleteWebhookEndpoint: WebhookStore["deleteWebhookEndpoint"] = (...a) =>
    this.webhooks.deleteWebhookEndpoint(...a);
  insertTestEvent: WebhookStore["insertTestEvent"] = (...a) => this.webhooks.insertTestEvent(...a);
  dispatchEvents(
    organizationId: string,
    from: number,
    to: number,
    deliveries: readonly DeliveryRow[],
  ): Promise<boolean> {
    return this.webhooks.dispatchEvents(organizationId, from, to, deliveries);
  }
  insertDeliveries: WebhookStore["insertDeliveries"] = (...a) =>
    this.webhooks.insertDeliveries(...a);
  readDelivery(organizationId: string, id: string) {
    return this.webhooks.readDelivery(organizationId, id);
  }
  listDeliveries(organizationId: string, page: DeliveryPage) {
    return this.webhooks.listDeliveries(organizationId, page);
  }
  claimDeliveries(now: number, leaseUntil: number, bounds: ClaimBounds) {
    return this.webhooks.claimDeliveries(now, leaseUntil, bounds);
  }
  finishDelivery(next: DeliveryRow, leaseUntil: number): Promise<boolean> {
    return this.webhooks.finishDelivery(next, leaseUntil);
  }
  exportCheckpoint(key: ExportKey): Promise<number> {
    return this.exports.exportCheckpoint(key);
  }
  exportsBehind(
    exporter: string,
    source: string,
    now: number,
    limit: number,
    after?: string,
  ): Promise<ExportBehind[]> {
    return this.exports.exportsBehind(exporter, source, now, limit, after);
  }
  claimExport(key: ExportKey, node: string, now: number, leaseUntil: number) {
    return this.exports.claimExport(key, node, now, leaseUntil);
  }
  moveExportCheckpoint(key: ExportKey, node: string, from: number, to: number, now: number) {
    return this.exports.moveExportCheckpoint(key, node, from, to, now);
  }
  releaseExport(key: ExportKey, node: string): Promise<void> {
    return this.exports.releaseExport(key, node);
  }
}
