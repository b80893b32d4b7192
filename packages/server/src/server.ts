/**
 * The composition root: opens the store, starts the engine and its sweep, makes sure an operator
 * key exists, and serves the HTTP API. Everything else receives what it needs from here.
 */
import { randomFillSync } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import pino, { type Logger } from "pino";
import { Engine } from "./engine/engine.ts";
import { type RandomFill, ulidIdSource } from "./engine/ids.ts";
import type { ApiDependencies } from "./http/api.ts";
import { createApp } from "./http/app.ts";
import { hashKey, keyPrefixLength, newKeySecret } from "./http/auth.ts";
import { Metrics } from "./http/metrics.ts";
import { describeLocation, openStore } from "./store/open-store.ts";
import type { Store } from "./store/port.ts";

export interface ServerOptions {
  /** A SQLite file, `:memory:`, `pglite:memory` or a postgres:// URL. */
  readonly database: string;
  readonly port: number;
  readonly host?: string;
  /** Use this operator key instead of making one on an empty database. */
  readonly operatorKey?: string;
  readonly logger?: Logger;
  /** Where the operator key made on first start is printed, once. */
  readonly announce?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly deps: ApiDependencies;
  /** The operator key made on this start, when the database had none. */
  readonly operatorKey: string | null;
  close(): Promise<void>;
}

export function createLogger(): Logger {
  return pino({
    base: { service: "creditpool" },
    redact: {
      paths: ["secret", "*.secret", "authorization", "*.authorization", "key_secret"],
      censor: "[redacted]",
    },
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const store = await openStore(options.database);
  const clock = Date.now;
  const fillRandom: RandomFill = (bytes) => {
    randomFillSync(bytes);
  };
  const metrics = new Metrics({ processMetrics: true });
  const engine = new Engine({
    store,
    clock,
    ids: ulidIdSource(clock, fillRandom),
    onBatch: (stats) => metrics.recordBatch(stats),
  });
  engine.startSweeper();
  const deps: ApiDependencies = {
    engine,
    store,
    clock,
    ids: ulidIdSource(clock, fillRandom),
    fillRandom,
    metrics,
  };
  const operatorKey = await ensureOperatorKey(deps, store, options.operatorKey);
  if (operatorKey !== null) {
    (options.announce ?? ((line) => process.stdout.write(`${line}\n`)))(
      `Operator key (shown once, keep it safe): ${operatorKey}`,
    );
  }
  const app = createApp(deps, { logger });
  const server = serve({
    fetch: app.fetch,
    port: options.port,
    hostname: options.host ?? "127.0.0.1",
  });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;
  logger.info({ url, database: describeLocation(options.database) }, "creditpool is serving");
  return {
    url,
    deps,
    operatorKey,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
      await store.close();
    },
  };
}

/** An empty database gets an operator key, made here (and returned) or taken from the caller. */
async function ensureOperatorKey(deps: ApiDependencies, store: Store, given: string | undefined) {
  if (given !== undefined && given !== "") {
    if ((await store.findKeyByHash(hashKey(given))) === null)
      await insertOperatorKey(deps, store, given);
    return null;
  }
  if ((await store.countOperatorKeys()) > 0) return null;
  const secret = newKeySecret(deps.fillRandom);
  await insertOperatorKey(deps, store, secret);
  return secret;
}

async function insertOperatorKey(
  deps: ApiDependencies,
  store: Store,
  secret: string,
): Promise<void> {
  await store.insertKey(
    {
      id: deps.ids.next("key"),
      organizationId: null,
      prefix: secret.slice(0, keyPrefixLength),
      hash: hashKey(secret),
      role: "operator",
      poolId: null,
      memberId: null,
      name: "operator",
      createdAt: deps.clock(),
      revokedAt: null,
    },
    null,
  );
}
