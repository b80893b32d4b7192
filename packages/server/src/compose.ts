/**
 * Wiring the HTTP API to what it calls: the services over an engine and a store, and the
 * authenticator over the store's keys. The one place, beside the composition root, that sees
 * every layer; servers, tests, benchmarks and the SDK's generator all wire through it.
 */
import { Authenticator } from "./access/authenticator.ts";
import type { LedgerEngine } from "./engine/engine.ts";
import type { ApiDependencies } from "./http/api.ts";
import { serviceAuditViews } from "./http/audit-views.ts";
import type { Metrics } from "./http/metrics.ts";
import type { Clock, IdSource, RandomFill } from "./ids.ts";
import { createServices, type UpstreamSettings, type WebhookOptions } from "./services/services.ts";
import type { Store } from "./store/port.ts";

export interface ApiParts {
  readonly engine: LedgerEngine;
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly fillRandom: RandomFill;
  readonly metrics: Metrics;
  /** Told of failures a service answered itself (one usage event among many). */
  readonly reportFailure?: (error: unknown, where: string) => void;
  /** How webhooks are sent (the SSRF allowance; tests: the post and the retry schedule). */
  readonly webhooks?: WebhookOptions;
  /** The secret box of upstream credentials, and whether their base URLs may be private. */
  readonly upstreams?: UpstreamSettings;
  /** The most stored buckets one report reads (tests lower it). */
  readonly reportBucketsReadMax?: number;
}

export function apiDependencies(parts: ApiParts): ApiDependencies {
  return {
    services: createServices({ auditViews: serviceAuditViews, ...parts }),
    authenticator: new Authenticator(parts.store, parts.clock),
    clock: parts.clock,
    ids: parts.ids,
    metrics: parts.metrics,
  };
}
