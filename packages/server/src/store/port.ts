/**
 * The one port every storage adapter implements, composed of a small port per role: the ledger's
 * (`ledger-port.ts`), the directory's (`directory.ts`), pricing's (`pricing.ts`), billing's
 * (`billing.ts`), recurring grants' (`recurring-grants.ts`), the ledger totals' (`totals.ts`), the usage
 * buckets' (`usage-buckets.ts`),
 * the events' (`events.ts`), webhooks' (`webhooks.ts`), decision records' (`governance.ts`), the
 * audit trail's (`audit.ts`), the export checkpoints' (`export-checkpoints.ts`), alerts'
 * (`alerts.ts`), upstream accounts' (`upstreams.ts`), routing policies' (`routing-policies.ts`),
 * seat assignments' (`seat-assignments.ts`) and the reads of settled ledger objects (`ledger-reads.ts`). The
 * records they share are in `records.ts`.
 */
import type { SignalReads } from "./alert-signals.ts";
import type { AlertStore } from "./alerts.ts";
import type { AuditStore } from "./audit.ts";
import type { BillingStore } from "./billing.ts";
import type { Directory } from "./directory.ts";
import type { EventStore } from "./events.ts";
import type { ExportCheckpointStore } from "./export-checkpoints.ts";
import type { GatewayCallStore } from "./gateway-calls.ts";
import type { DecisionStore } from "./governance.ts";
import type { LedgerStore } from "./ledger-port.ts";
import type { LedgerReads } from "./ledger-reads.ts";
import type { PricingStore } from "./pricing.ts";
import type { RecurringGrantStore } from "./recurring-grants.ts";
import type { RoutingPolicyStore } from "./routing-policies.ts";
import type { SeatAssignmentStore } from "./seat-assignments.ts";
import type { TestClockStore } from "./test-clocks.ts";
import type { TotalsStore } from "./totals.ts";
import type { UpstreamStore } from "./upstreams.ts";
import type { UsageBucketStore } from "./usage-buckets.ts";
import type { WebhookStore } from "./webhooks.ts";

export type { KeyedHold, OutcomeAnswer, SignalReads } from "./alert-signals.ts";
export type {
  AlertFilter,
  AlertMetric,
  AlertRow,
  AlertRuleRow,
  AlertStatus,
  AlertStore,
} from "./alerts.ts";
export type {
  AuditActor,
  AuditEntry,
  AuditHead,
  AuditQuery,
  AuditRecord,
  AuditStore,
} from "./audit.ts";
export { auditExported, auditGenesisHash, auditHash, canonicalJson } from "./audit.ts";
export type {
  BillingStore,
  InvoicePage,
  InvoiceRow,
  InvoiceStatus,
  InvoiceWrite,
  PlanRow,
  SeatAccess,
  SubscriptionKey,
  SubscriptionRow,
  SubscriptionStatus,
} from "./billing.ts";
export type {
  EventCheckpoint,
  EventDraft,
  EventQuery,
  EventRow,
  EventStore,
  EventType,
  ExpiringGrant,
} from "./events.ts";
export type { ExportBehind, ExportCheckpointStore, ExportKey } from "./export-checkpoints.ts";
export type { ApprovalRow, DecisionFilter, DecisionRow, DecisionStore } from "./governance.ts";
export type {
  AnswerCutoffs,
  BatchWrite,
  LedgerStore,
  StoreTransaction,
  TransferQuery,
} from "./ledger-port.ts";
export { isEventKey, isKeptKey, transferConditions } from "./ledger-port.ts";
export type { AnswerRow, OrganizationRow, StoredAnswer } from "./records.ts";
export type {
  RecurringGrantKey,
  RecurringGrantRow,
  RecurringGrantStatus,
  RecurringGrantStore,
} from "./recurring-grants.ts";
export type {
  LowBalanceRule,
  OnLimit,
  RoutingPolicyInsert,
  RoutingPolicyRow,
  RoutingPolicyStore,
  RoutingTiers,
} from "./routing-policies.ts";
export type {
  SeatAssignmentRow,
  SeatAssignmentStore,
  SeatGate,
  SeatTaken,
} from "./seat-assignments.ts";
export type { TestClockRow, TestClockStore } from "./test-clocks.ts";
export type { Behind, TotalsStore } from "./totals.ts";
export type {
  UpstreamAccountRow,
  UpstreamProvider,
  UpstreamStore,
  UpstreamUsageRow,
  UpstreamUse,
  UpstreamWindow,
} from "./upstreams.ts";
export type { UsageBucketStore } from "./usage-buckets.ts";
export type {
  ClaimBounds,
  DeliveryRow,
  DeliveryStatus,
  EventAnswer,
  TestEventSent,
  WebhookEndpointRow,
  WebhookStore,
} from "./webhooks.ts";

export type Dialect = "sqlite" | "postgres" | "memory";

export interface Store
  extends LedgerStore,
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
    SeatAssignmentStore {
  readonly dialect: Dialect;
  close(): Promise<void>;
}
