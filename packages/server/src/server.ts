/**
 * The composition root: binds the port, opens the store, starts the engine and its sweep, makes
 * sure an operator key is in force, and serves the HTTP API. Everything else receives what it
 * needs from here. The port comes first, so a port that is taken writes nothing anywhere.
 */
import { randomFillSync, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { createAdaptorServer } from "@hono/node-server";
import type { Logger } from "pino";
import { type ApiParts, apiDependencies } from "./compose.ts";
import { type BatchStats, Engine } from "./engine/engine.ts";
import { ThreadEngine } from "./engine/thread-engine.ts";
import { createApp } from "./http/app.ts";
import { ledgerAuditView } from "./http/audit-views.ts";
import { answerClientError } from "./http/client-error.ts";
import { Metrics } from "./http/metrics.ts";
import { eventView } from "./http/routes/events.ts";
import { transferView } from "./http/routes/transfers.ts";
import { type RandomFill, ulidIdSource } from "./ids.ts";
import { startAlertJob } from "./jobs/alerts.ts";
import { startAutoTopUpJob } from "./jobs/auto-top-ups.ts";
import { startEventJobs } from "./jobs/events.ts";
import { startExportJob } from "./jobs/export.ts";
import { type NatsEvent, NatsPublisher, type NatsPublisherOptions } from "./jobs/nats-publisher.ts";
import { startRecurringGrantJob } from "./jobs/recurring-grants.ts";
import { startRenewalJob } from "./jobs/renewals.ts";
import { startRetentionJob } from "./jobs/retention.ts";
import { startTotalsJob } from "./jobs/totals.ts";
import { createLogger, flushLog } from "./logging.ts";
import { checkOperatorKey, ensureOperatorKey, operatorKeyNotice } from "./operator-key.ts";
import { ExportService, eventsSource, journalSource } from "./services/export.ts";
import { loadSecretBox, secretKeyVariable } from "./services/secret-keys.ts";
import { describeLocation, openStore, shareable } from "./store/open-store.ts";

/**
 * How long a connection may take, in one place. Node's defaults leave a socket that sends its
 * headers a byte at a time open for about 90 s (a 60 s timeout looked at every 30 s); these close
 * it within `headersMs` plus `checkIntervalMs`.
 */
export interface ServerTimeouts {
  /** The request line and every header must have arrived within this, from the first byte. */
  readonly headersMs: number;
  /** The whole request, body included (bodies are at most `limits.requestBodyBytesMax`). */
  readonly requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveMs: number;
  /** How often connections are looked at for the two timeouts above. */
  readonly checkIntervalMs: number;
}

export const serverTimeouts: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
};

export interface ServerOptions {
  /** A SQLite file, `:memory:`, `pglite:memory` or a postgres:// URL. */
  readonly database: string;
  readonly port: number;
  readonly host?: string;
  /** A port bound already (`bindPort`), used instead of binding `port` and `host`. */
  readonly listener?: Listener;
  /**
   * The operator key, at least `operatorKeyLengthMin` characters; when it is new, it replaces
   * (revokes) every previous operator key. Without it, an empty database gets one made.
   */
  readonly operatorKey?: string;
  /** Overrides of `serverTimeouts` (tests use short ones). */
  readonly timeouts?: Partial<ServerTimeouts>;
  readonly logger?: Logger;
  /**
   * Where the notice of an operator key made on this start is printed, once, after the log's
   * start lines: a boxed block of lines, stdout by default.
   */
  readonly announce?: (text: string) => void;
  /**
   * Runs the engine on a worker thread (`ThreadEngine`) when the database can be shared between
   * two connections (a file or a PostgreSQL server); true unless set false.
   */
  readonly engineThread?: boolean;
  /**
   * Told, after the log, if the engine's thread stops while serving: every write fails from then
   * on, so `creditpool serve` exits (status 1) for its supervisor to start it again.
   */
  readonly onEngineStopped?: (error: Error) => void;
  /**
   * Whether webhook endpoints may be private, loopback or link-local addresses: by default
   * `CREDITPOOL_WEBHOOKS_ALLOW_PRIVATE=1` in the environment, else no.
   */
  readonly webhooksAllowPrivate?: boolean;
  /**
   * Whether upstream accounts' base URLs may be private addresses, over http too: by default
   * `CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1` in the environment, else no.
   */
  readonly upstreamsAllowPrivate?: boolean;
  /** Exports the journal to NATS JetStream at these servers; off when absent. */
  readonly exportNats?: ExportNatsOptions;
}

/** Where and how `creditpool serve --export-nats` exports (defaults in `natsExportDefaults`). */
export type ExportNatsOptions = Pick<
  NatsPublisherOptions,
  "servers" | "stream" | "subjectPrefix" | "duplicateWindowMs"
>;

export interface RunningServer {
  readonly url: string;
  /** What the server was composed of: its engine, store, clock and ids. */
  readonly parts: ApiParts;
  /** The operator key made on this start, when the database had none in force. */
  readonly operatorKey: string | null;
  close(): Promise<void>;
}

/** The port is taken, or not ours to take; the message is the one line a command prints. */
export class PortUnavailable extends Error {}

type Answerer = (request: Request) => Response | Promise<Response>;

/** An HTTP server bound to its port; requests wait until `answer` hands it the app. */
export interface Listener {
  readonly url: string;
  answer(app: Answerer): void;
  close(): Promise<void>;
}

/**
 * Binds the port before anything else is done, and refuses a taken one with one clear line.
 * Requests that arrive before the app is handed over wait for it.
 */
export async function bindPort(options: {
  readonly port: number;
  readonly host?: string;
  readonly timeouts?: Partial<ServerTimeouts>;
}): Promise<Listener> {
  const host = options.host ?? "127.0.0.1";
  const timeouts = { ...serverTimeouts, ...options.timeouts };
  let handOver: (app: Answerer) => void = () => {};
  const app = new Promise<Answerer>((resolve) => {
    handOver = resolve;
  });
  const server = createAdaptorServer({
    fetch: async (request: Request) => (await app)(request),
    serverOptions: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  });
  server.on("clientError", (error: Error & { code?: string }, socket: Duplex) =>
    answerClientError(error, socket, timeouts),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch((error: Error & { code?: string }) => {
    throw unavailable(error, options.port, host);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    answer: handOver,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

function unavailable(error: Error & { code?: string }, port: number, host: string): Error {
  switch (error.code) {
    case "EADDRINUSE":
      return new PortUnavailable(`port ${port} is in use: pass --port`);
    case "EACCES":
      return new PortUnavailable(`port ${port} needs privileges this user lacks: pass --port`);
    case "EADDRNOTAVAIL":
      return new PortUnavailable(`address ${host} is not one of this machine's: pass --host`);
    default:
      return error;
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (options.operatorKey !== undefined && options.operatorKey !== "") {
    checkOperatorKey(options.operatorKey);
  }
  const listener =
    options.listener ??
    (await bindPort({
      port: options.port,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }),
    }));
  try {
    return await serveOn(listener, options);
  } catch (error) {
    await listener.close();
    throw error;
  }
}

async function serveOn(listener: Listener, options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  // Before the store opens: a malformed key stops the start with nothing written.
  const secrets = loadSecretBox(options.database);
  const store = await openStore(options.database);
  const clock = Date.now;
  const fillRandom: RandomFill = (bytes) => {
    randomFillSync(bytes);
  };
  const metrics = new Metrics({ processMetrics: true });
  const engineOptions = {
    store,
    clock,
    ids: ulidIdSource(clock, fillRandom),
    onBatch: (stats: BatchStats) => metrics.recordBatch(stats),
    auditView: ledgerAuditView,
  };
  const engine =
    options.engineThread !== false && shareable(options.database)
      ? await ThreadEngine.start({
          ...engineOptions,
          location: options.database,
          onStopped: (error) => {
            logger.error({ err: error }, "the engine thread stopped");
            options.onEngineStopped?.(error);
          },
        }).catch(async (error: unknown) => {
          await store.close();
          throw error;
        })
      : new Engine(engineOptions);
  engine.startSweeper();
  const parts = {
    engine,
    store,
    clock,
    ids: ulidIdSource(clock, fillRandom),
    fillRandom,
    metrics,
    reportFailure: (error: unknown, where: string) =>
      logger.error({ err: error, where }, "unexpected failure"),
    webhooks: {
      allowPrivate:
        options.webhooksAllowPrivate ?? process.env.CREDITPOOL_WEBHOOKS_ALLOW_PRIVATE === "1",
    },
    upstreams: {
      box: secrets.box,
      allowPrivate:
        options.upstreamsAllowPrivate ?? process.env.CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE === "1",
    },
  };
  const deps = apiDependencies(parts);
  const operatorKey = await ensureOperatorKey(parts, options.operatorKey).catch(async (error) => {
    await engine.close();
    await store.close();
    throw error;
  });
  const retention = startRetentionJob(deps.services.retention, {
    onPass: (report) => logger.info(report, "stored answers past their retention forgotten"),
    onError: (error) => logger.error({ err: error }, "retention pass failed"),
    pruneEvents: () => deps.services.events.prune(),
    onEventsPruned: (forgotten) => logger.info({ forgotten }, "events past retention forgotten"),
  });
  const renewals = startRenewalJob(deps.services.subscriptions, {
    onPass: (renewed) => logger.info({ renewed }, "subscriptions renewed"),
    onError: (error, subscription) => logger.error({ err: error, subscription }, "renewal failed"),
  });
  const autoTopUps = startAutoTopUpJob(deps.services.autoTopUps, {
    onPass: (bought) => logger.info({ bought }, "auto top-ups bought"),
    onError: (error, subscription) =>
      logger.error({ err: error, subscription }, "auto top-up check failed"),
  });
  const recurringGrants = startRecurringGrantJob(deps.services.recurringGrants, {
    onPass: (issued) => logger.info({ issued }, "recurring grants issued"),
    onError: (error, recurringGrant) =>
      logger.error({ err: error, recurring_grant: recurringGrant }, "recurring grant failed"),
  });
  const totals = startTotalsJob(deps.services.totals, {
    onError: (error, organization) =>
      logger.error({ err: error, organization }, "summing the journal failed"),
  });
  const usageBuckets = startTotalsJob(deps.services.usageBuckets, {
    onError: (error, organization) =>
      logger.error({ err: error, organization }, "summing the journal into usage buckets failed"),
  });
  const events = startEventJobs(deps.services, {
    onError: (error, where) => logger.error({ err: error, where }, "an event job failed"),
  });
  const exporter =
    options.exportNats === undefined ? null : startNatsExport(options.exportNats, parts, logger);
  const alerts = startAlertJob(deps.services.alertEvaluator, {
    onPass: (evaluated) => logger.info(evaluated, "alerts raised or resolved"),
    onError: (error, organization) =>
      logger.error({ err: error, organization }, "evaluating alert rules failed"),
  });
  const app = createApp(deps, { logger });
  listener.answer((request) => app.fetch(request));
  const url = listener.url;
  logger.info({ url, database: describeLocation(options.database) }, "creditpool is serving");
  if (secrets.box === null)
    logger.warn(`upstream accounts need ${secretKeyVariable}: they answer secret_key_missing`);
  else logger.info({ source: secrets.source, file: secrets.file }, "upstream credentials sealed");
  flushLog(logger);
  // After the log's start lines, so that the one secret shown once is not lost among them.
  if (operatorKey !== null) {
    (options.announce ?? ((text) => process.stdout.write(`${text}\n`)))(
      operatorKeyNotice(operatorKey),
    );
  }
  return {
    url,
    parts,
    operatorKey,
    async close() {
      await listener.close();
      await retention.stop();
      await renewals.stop();
      await recurringGrants.stop();
      await totals.stop();
      await usageBuckets.stop();
      await events.stop();
      await alerts.stop();
      await autoTopUps.stop();
      await exporter?.stop();
      await engine.close();
      await store.close();
      flushLog(logger);
    },
  };
}

/**
 * The export to NATS: the journal and the event outbox (each row in the API's view), the
 * checkpoints named after the stream, a node name of its own for leases, metrics and log lines.
 */
function startNatsExport(settings: ExportNatsOptions, parts: ApiParts, logger: Logger) {
  const publisher = new NatsPublisher({
    ...settings,
    onEvent: (event) => logNatsEvent(logger, event),
  });
  const service = new ExportService(
    parts.store,
    parts.clock,
    publisher,
    [journalSource(parts.store, transferView), eventsSource(parts.store, eventView)],
    {
      exporter: publisher.stream,
      subjectPrefix: publisher.subjectPrefix,
      node: `node_${randomUUID()}`,
      onStep: (step) => parts.metrics.recordExportStep(step),
    },
  );
  const job = startExportJob(service, {
    onPass: (report) => {
      if (report.published > 0) logger.info(report, "journal exported to NATS");
    },
    onError: (error, retryInMs) =>
      logger.error({ err: error, retry_in_ms: retryInMs }, "export to NATS failed"),
  });
  return {
    async stop() {
      await job.stop();
      await publisher.close();
    },
  };
}

function logNatsEvent(logger: Logger, event: NatsEvent): void {
  if (event.kind === "error") logger.error({ err: event.error }, "NATS connection error");
  else if (event.kind === "stream created")
    logger.info({ stream: event.stream }, "NATS stream created");
  else if (event.kind === "disconnected")
    logger.warn({ server: event.server }, "NATS disconnected");
  else logger.info({ server: event.server }, `NATS ${event.kind}`);
}
