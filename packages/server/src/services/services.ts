/**
 * The services: one per family of use cases, the only callers of the engine and the stores.
 * Transports (HTTP, the command line, the demo, and next the gateway, jobs and the console)
 * authenticate, parse, call one service function and render what it answers.
 */
import { PoolTree } from "../access/pool-tree.ts";
import type { Clock, LedgerEngine } from "../engine/engine.ts";
import type { IdSource, RandomFill } from "../ids.ts";
import type { Store } from "../store/port.ts";
import { AlertEvaluator } from "./alert-evaluator.ts";
import { AlertService } from "./alerts.ts";
import { ApprovalService } from "./approvals.ts";
import { AuditService } from "./audit.ts";
import { AutoTopUpService } from "./auto-top-ups.ts";
import type { ServiceContext } from "./context.ts";
import { DecisionService } from "./decisions.ts";
import { EventService } from "./events.ts";
import { GatewayService } from "./gateway.ts";
import { GrantService } from "./grants.ts";
import { HoldService } from "./holds.ts";
import { InvoiceService } from "./invoices.ts";
import { JournalService } from "./journal.ts";
import { KeyService } from "./keys.ts";
import { LedgerTotals } from "./ledger-totals.ts";
import { MarginService } from "./margin.ts";
import { MemberService } from "./members.ts";
import { OrganizationService } from "./organizations.ts";
import { PlanService } from "./plans.ts";
import { PoolService } from "./pools.ts";
import { PricingService } from "./pricing.ts";
import { RateCards } from "./rate-cards.ts";
import { RecurringGrantService } from "./recurring-grants.ts";
import { ForecastService } from "./report-forecast.ts";
import { ReportModelService } from "./report-models.ts";
import { ReportService } from "./reports.ts";
import { RetentionService } from "./retention.ts";
import { RevenueService } from "./revenue.ts";
import { RoutingService } from "./routing.ts";
import { SeatAssignmentService } from "./seat-assignments.ts";
import { SeatGates } from "./seat-gates.ts";
import type { SecretBox } from "./secret-box.ts";
import { SubscriptionBooks, type SubscriptionView } from "./subscription-books.ts";
import { SubscriptionService } from "./subscriptions.ts";
import { TestClockService } from "./test-clocks.ts";
import { UpstreamService } from "./upstreams.ts";
import { UsageService } from "./usage.ts";
import { UsageBuckets } from "./usage-buckets.ts";
import { httpWebhookPost, type WebhookPost } from "./webhook-client.ts";
import { WebhookSender } from "./webhook-sender.ts";
import { WebhookService } from "./webhooks.ts";

export type {
  EngineAnswer,
  GrantFigures,
  HoldFigures,
  LedgerResult,
  PoolFigures,
} from "../engine/results.ts";
export { resultId } from "../engine/results.ts";
export type { KeyRow, MemberKind, MemberRow, Role } from "../store/directory.ts";
export type { OrganizationRow } from "../store/port.ts";

export interface Services {
  readonly organizations: OrganizationService;
  readonly pools: PoolService;
  readonly grants: GrantService;
  readonly recurringGrants: RecurringGrantService;
  readonly holds: HoldService;
  readonly gateway: GatewayService;
  readonly usage: UsageService;
  readonly journal: JournalService;
  readonly keys: KeyService;
  readonly audit: AuditService;
  readonly members: MemberService;
  readonly pricing: PricingService;
  readonly retention: RetentionService;
  readonly plans: PlanService;
  readonly subscriptions: SubscriptionService;
  readonly seats: SeatAssignmentService;
  readonly autoTopUps: AutoTopUpService;
  readonly testClocks: TestClockService;
  readonly invoices: InvoiceService;
  readonly totals: LedgerTotals;
  readonly revenue: RevenueService;
  readonly usageBuckets: UsageBuckets;
  readonly reports: ReportService;
  readonly margin: MarginService;
  readonly reportModels: ReportModelService;
  readonly forecasts: ForecastService;
  readonly decisions: DecisionService;
  readonly approvals: ApprovalService;
  readonly events: EventService;
  readonly webhooks: WebhookService;
  readonly webhookSender: WebhookSender;
  readonly alerts: AlertService;
  readonly alertEvaluator: AlertEvaluator;
  readonly upstreams: UpstreamService;
  readonly routing: RoutingService;
}

/**
 * How audit records show the objects jobs change, which no transport renders: the API's views,
 * given by the composition as the engine is given its `AuditView`.
 */
export interface AuditViews {
  readonly subscription: SubscriptionView;
}

/** How webhooks are sent: the SSRF allowance, and (tests) the post and the retry schedule. */
export interface WebhookOptions {
  readonly allowPrivate?: boolean;
  readonly post?: WebhookPost;
  readonly scheduleMs?: readonly number[];
}

/**
 * Upstream accounts: the box that seals their credentials (none: they answer
 * `secret_key_missing`), and whether their base URLs may be private.
 */
export interface UpstreamSettings {
  readonly box: SecretBox | null;
  readonly allowPrivate?: boolean;
}

export interface ServiceDependencies {
  readonly engine: LedgerEngine;
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly fillRandom: RandomFill;
  /** Told of failures a service answered itself (one usage event among many). */
  readonly reportFailure?: (error: unknown, where: string) => void;
  readonly webhooks?: WebhookOptions;
  /** How audit records show what jobs change; the API's views, given by the composition. */
  readonly auditViews?: AuditViews;
  readonly upstreams?: UpstreamSettings;
  /** The most stored buckets one report reads; `limits.reportBucketsReadMax` unless a test says. */
  readonly reportBucketsReadMax?: number;
}

export function createServices(deps: ServiceDependencies): Services {
  const tree = new PoolTree(deps.store, deps.clock);
  const context: ServiceContext = {
    ...deps,
    tree,
    rateCards: new RateCards(deps.store, deps.clock),
    seatGates: new SeatGates(deps.store, tree, deps.clock),
  };
  const report = deps.reportFailure ?? (() => {});
  const totals = new LedgerTotals(context);
  const usageBuckets = new UsageBuckets(context, deps.reportBucketsReadMax);
  const books = new SubscriptionBooks(context, totals, deps.auditViews?.subscription);
  const autoTopUps = new AutoTopUpService(context, books);
  const recurringGrants = new RecurringGrantService(context);
  const approvals = new ApprovalService(context);
  const holds = new HoldService(context, approvals);
  const allowPrivate = deps.webhooks?.allowPrivate ?? false;
  const post = deps.webhooks?.post ?? httpWebhookPost(allowPrivate);
  const scheduleMs = deps.webhooks?.scheduleMs;
  return {
    organizations: new OrganizationService(context),
    pools: new PoolService(context),
    grants: new GrantService(context),
    recurringGrants,
    holds,
    gateway: new GatewayService(context, holds, report),
    usage: new UsageService(context, (error) => report(error, "usage.record")),
    journal: new JournalService(context),
    keys: new KeyService(context),
    audit: new AuditService(context),
    members: new MemberService(context),
    pricing: new PricingService(context),
    retention: new RetentionService(deps.store, deps.clock),
    plans: new PlanService(context),
    subscriptions: new SubscriptionService(context, books),
    seats: new SeatAssignmentService(context),
    autoTopUps,
    testClocks: new TestClockService(context, books, autoTopUps, recurringGrants),
    invoices: new InvoiceService(context),
    totals,
    revenue: new RevenueService(context, totals),
    usageBuckets,
    reports: new ReportService(context, usageBuckets),
    margin: new MarginService(context, usageBuckets),
    reportModels: new ReportModelService(context, usageBuckets),
    forecasts: new ForecastService(context, totals),
    decisions: new DecisionService(context),
    approvals,
    events: new EventService(context),
    webhooks: new WebhookService(context, allowPrivate),
    webhookSender: new WebhookSender(context, {
      post,
      ...(scheduleMs === undefined ? {} : { scheduleMs }),
    }),
    alerts: new AlertService(context),
    alertEvaluator: new AlertEvaluator(context, totals),
    upstreams: new UpstreamService(context, {
      box: deps.upstreams?.box ?? null,
      allowPrivate: deps.upstreams?.allowPrivate ?? false,
    }),
    routing: new RoutingService(context),
  };
}
