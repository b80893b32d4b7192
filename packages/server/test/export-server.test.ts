/**
 * `creditpool serve` with the export on while NATS does not answer: holds and usage work as
 * ever, the export logs its failure and counts it in the metrics, and once NATS answers (here, a
 * relay on the configured port that starts forwarding to the real server) the journal reaches the
 * stream, each transfer once, and the lag leaves the metrics.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect as connectTcp, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, describe, it } from "node:test";
import { pino } from "pino";
import { type RunningServer, startServer } from "../src/server.ts";
import { natsSkip, natsUrl, scratchNames, TestNats } from "./support/nats.ts";
import { freePort } from "./support/served.ts";

const skip = await natsSkip();

/** A TCP relay on `port` to the NATS server, started when NATS should "come back". */
function relay(port: number): { start(): Promise<void>; close(): Promise<void> } {
  const target = new URL(natsUrl());
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  return {
    start: () =>
      new Promise((resolve) => {
        server = createServer((client) => {
          const upstream = connectTcp(Number(target.port || 4222), target.hostname);
          for (const socket of [client, upstream]) {
            sockets.add(socket);
            socket.on("error", () => {});
            socket.on("close", () => sockets.delete(socket));
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, "127.0.0.1", () => resolve());
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        server === null ? resolve() : server.close(() => resolve()),
      );
    },
  };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    assert.ok(Date.now() < deadline, `waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("creditpool serve --export-nats", { skip }, () => {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-export-"));
  const names = scratchNames();
  let server: RunningServer | null = null;
  let nats: TestNats | null = null;
  let link: ReturnType<typeof relay> | null = null;

  after(async () => {
    await server?.close();
    await link?.close();
    await nats?.drop(names.stream);
    await nats?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("holds and usage work while NATS is down; the journal follows once it answers", async () => {
    const port = await freePort();
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line));
        done();
      },
    });
    const operatorKey = "cpk_export_test_operator_key_0123456789";
    server = await startServer({
      database: join(directory, "ledger.db"),
      port: 0,
      operatorKey,
      logger: pino({ level: "info" }, sink),
      exportNats: { servers: `nats://127.0.0.1:${port}`, ...names },
    });
    const base = server.url;
    const call = async (path: string, key: string, body?: unknown) => {
      const response = await fetch(`${base}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      assert.ok(response.status < 300, `${path}: ${response.status} ${text}`);
      return text.startsWith("{") ? JSON.parse(text) : text;
    };
    const made = await call("/v1/organizations", operatorKey, { name: "Acme" });
    const key: string = made.owner_key.secret;
    const root: string = made.organization.root_pool;
    await call("/v1/grants", key, { pool: root, amount: "100", source: "purchase" });
    await until("a failed export logged", async () =>
      lines.find((line) => line.msg === "export to NATS failed"),
    );
    const hold = await call("/v1/holds", key, { pool: root, amount: "2" });
    assert.equal(hold.allowed, true, "a hold while NATS is down");
    const usage = await call("/v1/usage", key, { events: [{ id: "e1", pool: root, amount: "1" }] });
    assert.equal(usage.data[0].code, "ok");
    const metrics: string = await call("/metrics", key);
    assert.match(metrics, /creditpool_export_failed_total\{source="transfers"\} [1-9]/);

    link = relay(port);
    await link.start();
    nats = await TestNats.open();
    const open = nats;
    const journal = await call("/v1/transfers?limit=100", key);
    const total: number = journal.data.length;
    assert.ok(total >= 3);
    // The event outbox is exported beside the journal, under its own subjects.
    const transfersIn = async () => {
      if ((await open.count(names.stream).catch(() => 0)) < total) return undefined;
      const read = await open.read(names.stream);
      const transfers = read.filter((message) => message.subject.endsWith(".transfers"));
      return transfers.length === total ? transfers : undefined;
    };
    const messages = await until("the journal in the stream", transfersIn, 45_000);
    assert.deepEqual(
      messages.map((message) => message.id),
      journal.data.map((transfer: { id: string }) => transfer.id),
    );
    assert.ok(lines.some((line) => line.msg === "NATS connected"));
    const after: string = await call("/metrics", key);
    assert.match(
      after,
      new RegExp(`creditpool_export_published_total\\{source="transfers"\\} ${total}`),
    );
    // The journal has caught up; the events the projector writes meanwhile may still be on their way.
    assert.doesNotMatch(after, /creditpool_export_lag\{[^}]*source="transfers"/);
  });
});
