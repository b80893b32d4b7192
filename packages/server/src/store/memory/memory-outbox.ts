/**
 * The memory store's events, webhooks, alerts, upstream accounts and routing policies
 * (`memory-events.ts`, `memory-webhooks.ts`, `memory-alerts.ts`, `memory-upstreams.ts`,
 * `memory-routing-policies.ts`), as a base the store extends: it gives the lock, the answers of a
 * scope, each organization's journal end and its live grants.
 */
import type { Grant } from "@creditpool/core";
import type { AlertStore } from "../alerts.ts";
import type { EventDraft, EventRow, EventStore } from "../events.ts";
import type { Mutex } from "../mutex.ts";
import type { RoutingPolicyStore } from "../routing-policies.ts";
import type { UpstreamStore } from "../upstreams.ts";
import type { WebhookStore } from "../webhooks.ts";
import type { KeptAnswer } from "./kept.ts";
import { MemoryAlerts } from "./memory-alerts.ts";
import type { MemoryAudit } from "./memory-audit.ts";
import { MemoryEvents } from "./memory-events.ts";
import { MemoryRoutingPolicies } from "./memory-routing-policies.ts";
import { MemoryUpstreams } from "./memory-upstreams.ts";
import { MemoryWebhooks } from "./memory-webhooks.ts";

export abstract class MemoryOutbox
  implements EventStore, WebhookStore, AlertStore, UpstreamStore, RoutingPolicyStore
{
  abstract readonly lock: Mutex;
  /** Each organization's next journal sequence. */
  abstract journalEnds(): Iterable<[organizationId: string, nextSequence: number]>;
  /** Every live grant, with its organization. */
  abstract liveGrants(): Iterable<[organizationId: string, grant: Grant]>;
  /** The answers of a scope, whose claims append their audit records; callers hold the lock. */
  abstract answersIn(scope: string): Map<string, KeptAnswer>;
  abstract readonly audit: MemoryAudit;

  // The parts read their host (this store) when a method runs, once its own fields are set.
  private readonly events = new MemoryEvents(this);
  private readonly webhooks = new MemoryWebhooks(this, this.events);
  private readonly alerts = new MemoryAlerts(this);
  private readonly upstreams = new MemoryUpstreams(this);

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
  private readonly routing = new MemoryRoutingPolicies(this);

  /** Each organization's last event sequence, for the export. */
  eventHeads(): Iterable<[string, number]> {
    return this.events.heads();
  }

  /** Writes events with another part's write; callers hold the lock. */
  writeEvents(drafts: readonly EventDraft[]): EventRow[] {
    return this.events.write(drafts);
  }

  appendEvents: EventStore["appendEvents"] = (...a) => this.events.appendEvents(...a);
  appendEventsAt: EventStore["appendEventsAt"] = (...a) => this.events.appendEventsAt(...a);
  readEvent: EventStore["readEvent"] = (...a) => this.events.readEvent(...a);
  listEvents: EventStore["listEvents"] = (...a) => this.events.listEvents(...a);
  eventCheckpoint: EventStore["eventCheckpoint"] = (...a) => this.events.eventCheckpoint(...a);
  eventsBehind: EventStore["eventsBehind"] = (...a) => this.events.eventsBehind(...a);
  grantsExpiringSoon: EventStore["grantsExpiringSoon"] = (...a) =>
    this.events.grantsExpiringSoon(...a);
  pruneEvents: EventStore["pruneEvents"] = (...a) => this.events.pruneEvents(...a);

  insertWebhookEndpoint: WebhookStore["insertWebhookEndpoint"] = (...a) =>
    this.webhooks.insertWebhookEndpoint(...a);
  readWebhookEndpoint: WebhookStore["readWebhookEndpoint"] = (...a) =>
    this.webhooks.readWebhookEndpoint(...a);
  listWebhookEndpoints: WebhookStore["listWebhookEndpoints"] = (...a) =>
    this.webhooks.listWebhookEndpoints(...a);
  countWebhookEndpoints: WebhookStore["countWebhookEndpoints"] = (...a) =>
    this.webhooks.countWebhookEndpoints(...a);
  updateWebhookEndpoint: WebhookStore["updateWebhookEndpoint"] = (...a) =>
    this.webhooks.updateWebhookEndpoint(...a);
  deleteWebhookEndpoint: WebhookStore["deleteWebhookEndpoint"] = (...a) =>
    this.webhooks.deleteWebhookEndpoint(...a);
  insertTestEvent: WebhookStore["insertTestEvent"] = (...a) => this.webhooks.insertTestEvent(...a);
  dispatchEvents: WebhookStore["dispatchEvents"] = (...a) => this.webhooks.dispatchEvents(...a);
  insertDeliveries: WebhookStore["insertDeliveries"] = (...a) =>
    this.webhooks.insertDeliveries(...a);
  readDelivery: WebhookStore["readDelivery"] = (...a) => this.webhooks.readDelivery(...a);
  listDeliveries: WebhookStore["listDeliveries"] = (...a) => this.webhooks.listDeliveries(...a);
  claimDeliveries: WebhookStore["claimDeliveries"] = (...a) => this.webhooks.claimDeliveries(...a);
  finishDelivery: WebhookStore["finishDelivery"] = (...a) => this.webhooks.finishDelivery(...a);

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
}
