/** Prometheus metrics: requests, latencies, batch sizes, and holds by result code. */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { BatchStats } from "../engine/engine.ts";

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

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
  }

  recordBatch(stats: BatchStats): void {
    this.batchCommands.observe(stats.commands);
    this.batchDuration.observe(stats.durationMs / 1000);
  }
}
