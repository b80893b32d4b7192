/**
 * The creditpool client: a typed method for every route of the HTTP API v1, zero runtime
 * dependencies, the global `fetch` by default.
 *
 *   const client = new CreditpoolClient({ baseUrl: "http://127.0.0.1:8080", apiKey });
 *   const decision = await client.holds.create({ pool, amount: "12.5" });
 */

import { type AlertRules, type Alerts, alertRulesResource, alertsResource } from "./alerts.ts";
import { type AuditRecords, auditRecordsResource } from "./audit-records.ts";
import {
  type Invoices,
  invoicesResource,
  type Plans,
  plansResource,
  type Reports,
  reportsResource,
  type Subscriptions,
  subscriptionsResource,
  type TestClocks,
  type TopUps,
  testClocksResource,
  topUpsResource,
} from "./billing.ts";
import {
  type Events,
  eventsResource,
  type WebhookDeliveries,
  type WebhookEndpoints,
  webhookDeliveriesResource,
  webhookEndpointsResource,
} from "./events.ts";
import { type GatewayCalls, gatewayCallsResource } from "./gateway-calls.ts";
import {
  type Approvals,
  approvalsResource,
  type Decisions,
  decisionsResource,
} from "./governance.ts";
import { type RecurringGrants, recurringGrantsResource } from "./recurring-grants.ts";
import {
  type Grants,
  grantsResource,
  type Holds,
  holdsResource,
  type Keys,
  keysResource,
  type Members,
  membersResource,
  type OrganizationResource,
  type Organizations,
  organizationResource,
  organizationsResource,
  type Pools,
  poolsResource,
  type Quotes,
  quotesResource,
  type RateCards,
  rateCardsResource,
  type Transfers,
  transfersResource,
  type Usage,
  usageResource,
} from "./resources.ts";
import { type RoutingPolicies, routingPoliciesResource } from "./routing-policies.ts";
import { Transport, type TransportOptions } from "./transport.ts";
import { type Upstreams, upstreamsResource } from "./upstreams.ts";

export type CreditpoolClientOptions = TransportOptions;

export class CreditpoolClient {
  /** Operator key only: create organizations. */
  readonly organizations: Organizations;
  /** The key's own organization. */
  readonly organization: OrganizationResource;
  readonly pools: Pools;
  readonly grants: Grants;
  /** A grant issued to a pool every month or year, once a period. */
  readonly recurringGrants: RecurringGrants;
  readonly holds: Holds;
  readonly usage: Usage;
  /** The journal. */
  readonly transfers: Transfers;
  readonly members: Members;
  readonly keys: Keys;
  /** Rate-card versions: what every meter costs in credits. */
  readonly rateCards: RateCards;
  readonly quotes: Quotes;
  /** Plan versions: the catalog subscriptions come from. */
  readonly plans: Plans;
  /** Pools on plans: seats that fill the pool, renewed each period. */
  readonly subscriptions: Subscriptions;
  readonly invoices: Invoices;
  readonly topUps: TopUps;
  /** Reports read from the ledger totals: revenue recognition. */
  readonly reports: Reports;
  /** An organization made for trying things, moved forward in time. */
  readonly testClocks: TestClocks;
  /** Why holds were refused (or usage flagged), with the figures that decided. */
  readonly decisions: Decisions;
  /** Calls through the AI gateway: who, which model and upstream, what they cost. */
  readonly gatewayCalls: GatewayCalls;
  /** Holds above a pool's approval amount, waiting for an approver. */
  readonly approvals: Approvals;
  /** What happened in the organization, in order. */
  readonly events: Events;
  /** Where the organization's events are delivered, signed. */
  readonly webhookEndpoints: WebhookEndpoints;
  readonly webhookDeliveries: WebhookDeliveries;
  /** Who changed what: the organization's hash-chained audit records (owner and admin keys). */
  readonly auditRecords: AuditRecords;
  /** Thresholds on a pool's limit, grants, balance or forecast. */
  readonly alertRules: AlertRules;
  /** What the rules raised: list, acknowledge, resolve. */
  readonly alerts: Alerts;
  /** The provider credentials the gateway calls through (owner and admin keys write). */
  readonly upstreams: Upstreams;
  /** How the gateway picks a model for a pool's calls. */
  readonly routingPolicies: RoutingPolicies;

  constructor(options: CreditpoolClientOptions) {
    const transport = new Transport(options);
    this.organizations = organizationsResource(transport);
    this.organization = organizationResource(transport);
    this.pools = poolsResource(transport);
    this.grants = grantsResource(transport);
    this.recurringGrants = recurringGrantsResource(transport);
    this.decisions = decisionsResource(transport);
    this.gatewayCalls = gatewayCallsResource(transport);
    this.approvals = approvalsResource(transport);
    this.holds = holdsResource(transport);
    this.usage = usageResource(transport);
    this.transfers = transfersResource(transport);
    this.members = membersResource(transport);
    this.keys = keysResource(transport);
    this.rateCards = rateCardsResource(transport);
    this.quotes = quotesResource(transport);
    this.plans = plansResource(transport);
    this.subscriptions = subscriptionsResource(transport);
    this.invoices = invoicesResource(transport);
    this.topUps = topUpsResource(transport);
    this.reports = reportsResource(transport);
    this.testClocks = testClocksResource(transport);
    this.events = eventsResource(transport);
    this.webhookEndpoints = webhookEndpointsResource(transport);
    this.webhookDeliveries = webhookDeliveriesResource(transport);
    this.auditRecords = auditRecordsResource(transport);
    this.alertRules = alertRulesResource(transport);
    this.alerts = alertsResource(transport);
    this.upstreams = upstreamsResource(transport);
    this.routingPolicies = routingPoliciesResource(transport);
  }
}
