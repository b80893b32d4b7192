/**
 * An acknowledged change is told to a webhook even when the server dies before telling it: a real
 * `creditpool serve` on a SQLite file, with an endpoint whose receiver is down, acknowledges a
 * grant and is killed with SIGKILL at once. Restarted on the same file, with the receiver up, it
 * delivers the `grant.issued` event, signed with the endpoint's secret.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { Webhook } from "standardwebhooks";
import { bin } from "./support/cli.ts";
import { freePort } from "./support/served.ts";

const operatorKey = "cpk_webhookCrashOperatorKey0000000";

interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

/** `creditpool serve` on `database`, answering on `port` once it is up. */
async function serve(database: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    [bin, "serve", "--database", database, "--port", String(port), "--host", "127.0.0.1"],
    {
      env: {
        ...process.env,
        CREDITPOOL_OPERATOR_KEY: operatorKey,
        CREDITPOOL_WEBHOOKS_ALLOW_PRIVATE: "1",
      },
      stdio: ["ignore", "ignore", "ignore"],
    },
  );
  const deadline = Date.now() + 30_000;
  while (!(await healthy(`http://127.0.0.1:${port}`))) {
    assert.ok(server.exitCode === null && Date.now() < deadline, "creditpool serve started");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return server;
}

async function stop(server: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill(signal);
  await exited;
}

/** A receiver on `port` that answers 204 to every request and keeps what it got. */
async function receiver(t: TestContext, port: number): Promise<Received[]> {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: request.headers as Record<string, string>, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  t.after(() => server.closeAllConnections());
  return received;
}

describe("webhooks across a crash", () => {
  it("delivers an acknowledged grant's event after kill -9 and a restart", async (t) => {
    const directory = mkdtempSync(join(tmpdir(), "creditpool-crash-"));
    t.after(() => rmSync(directory, { recursive: true, force: true }));
    const database = join(directory, "ledger.db");
    const [apiPort, hookPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${apiPort}`;
    let server = await serve(database, apiPort);
    t.after(() => stop(server, "SIGTERM"));

    const operator = new CreditpoolClient({ baseUrl: url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Crash" });
    const owner = new CreditpoolClient({ baseUrl: url, apiKey: created.owner_key.secret ?? "" });
    // Nothing listens on the hook's port yet: the receiver is down.
    const endpoint = await owner.webhookEndpoints.create({
      url: `http://127.0.0.1:${hookPort}/hooks`,
      event_types: ["grant.issued"],
    });
    const grant = await owner.grants.create({
      pool: created.organization.root_pool,
      amount: "10",
      source: "purchase",
    });
    await stop(server, "SIGKILL");

    const received = await receiver(t, hookPort);
    server = await serve(database, apiPort);
    const deadline = Date.now() + 45_000;
    while (received.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));

    assert.equal(received.length, 1, "the event was delivered once");
    const [delivery] = received;
    assert.ok(delivery !== undefined);
    const payload = new Webhook(endpoint.secret ?? "").verify(delivery.body, delivery.headers) as {
      type: string;
      data: { grant: string };
    };
    assert.equal(payload.type, "grant.issued");
    assert.equal(payload.data.grant, grant.id);
    const [event] = (await owner.events.list({ type: "grant.issued" })).data;
    assert.equal(delivery.headers["webhook-id"], event?.id);
  });
});
