/**
 * Prometheus metrics: requests, latencies, batch sizes, holds by result code, and the export to a
 * stream (messages published and failed, and each organization's lag).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { BatchStats } from "../engine/engine.ts";
import type { ExportStep } from "../services/export.ts";

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "creditpool_http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: "creditpool_http_request_duration_seconds",
    help: "HTTP request duration by method and route",
    labelNames: ["method", "route"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly batchCommands = new Histogram({
    name: "creditpool_engine_batch_commands",
    help: "Commands per engine batch (one database transaction each)",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers: [this.registry],
  });
  readonly batchDuration = new Histogram({
    name: "creditpool_engine_batch_duration_seconds",
    help: "Engine batch duration, from lock to commit",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });
  readonly holds = new Counter({
    name: "creditpool_holds_total",
    help: "Hold decisions by result code",
    labelNames: ["code"] as const,
    registers: [this.registry],
  });

  readonly exportPublished = new Counter({
    name: "creditpool_export_published_total",
    help: "Messages the stream acknowledged, by source (repeats it dropped included)",
    labelNames: ["source"] as const,
    registers: [this.registry],
  });
  readonly exportDuplicates = new Counter({
    name: "creditpool_export_duplicates_total",
    help: "Messages the stream acknowledged as repeats of ones it held, by source",
    labelNames: ["source"] as const,
    registers: [this.registry],
  });
  readonly exportFailed = new Counter({
    name: "creditpool_export_failed_total",
    help: "Messages the stream did not acknowledge (published again later), by source",
    labelNames: ["source"] as const,
    registers: [this.registry],
  });
  readonly exportLag = new Gauge({
    name: "creditpool_export_lag",
    help: "Rows of an organization not exported yet (its last sequence minus the checkpoint)",
    labelNames: ["organization", "source"] as const,
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
  }

  recordBatch(stats: BatchStats): void {
    this.batchCommands.observe(stats.commands);
    this.batchDuration.observe(stats.durationMs / 1000);
  }

  /** An organization caught up leaves the lag gauge, so it names only those behind. */
  recordExportStep(step: ExportStep): void {
    const labels = { organization: step.organizationId, source: step.source };
    this.exportPublished.inc({ source: step.source }, step.published);
    this.exportDuplicates.inc({ source: step.source }, step.duplicates);
    this.exportFailed.inc({ source: step.source }, step.failed);
    if (step.lag === 0) this.exportLag.remove(labels);
    else this.exportLag.set(labels, step.lag);
  }
}
