/**
 * Webhooks and events from the command line, against the real `creditpool serve` on loopback: an
 * owner adds an endpoint (its secret shown once, and again to a retry with the same key), lists,
 * reads, disables it, sends it a test event, reads its log, retries and replays the delivery,
 * rotates its secret, reads the events, and deletes it; a bad event type names its field.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { bin } from "./support/cli.ts";
import { type Served, serveForTest } from "./support/served.ts";

const operatorKey = "cpk_cliWebhooksOperatorKey00000000";

describe("webhooks and events from the command line", () => {
  let served: Served;
  let ownerKey = "";

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, CREDITPOOL_URL: served.url, CREDITPOOL_KEY: ownerKey },
      encoding: "utf8",
    });

  const json = (...args: string[]) => {
    const result = cli(...args, "--json");
    assert.equal(result.status, 0, `${args.join(" ")}: ${result.stderr}`);
    return JSON.parse(result.stdout) as Record<string, unknown> & { id: string };
  };

  before(async () => {
    served = await serveForTest(operatorKey);
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Hooked" });
    ownerKey = created.owner_key.secret ?? "";
  });
  after(() => served.close());

  it("adds, reads, changes, tests, rotates and deletes an endpoint", () => {
    const url = "https://hooks.example.com/creditpool";
    const create = ["webhooks", "create", url, "--events", "grant.issued, key.created"];
    const shown = cli(...create, "--idempotency-key", "hook-1");
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /secret +whsec_/);
    assert.match(shown.stdout, /not shown again/);
    const made = json(...create, "--idempotency-key", "hook-1");
    assert.match(String(made.secret), /^whsec_/);
    assert.deepEqual(made.event_types, ["grant.issued", "key.created"]);

    const listed = cli("webhooks", "list");
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`${made.id} +${url} +grant.issued,key.created +yes`));
    assert.equal(json("webhooks", "get", made.id).url, url);
    assert.equal(json("webhooks", "update", made.id, "--disable").enabled, false);
    const moved = json("webhooks", "update", made.id, "--endpoint-url", `${url}/v2`, "--enable");
    assert.deepEqual([moved.url, moved.enabled], [`${url}/v2`, true]);

    const event = json("webhooks", "test", made.id);
    assert.equal(event.type, "webhook_endpoint.test");
    const log = json("webhooks", "deliveries", made.id) as unknown as { data: { id: string }[] };
    const [delivery] = log.data;
    assert.ok(delivery !== undefined);
    assert.equal(json("webhooks", "retry", delivery.id).event, event.id);
    const replayed = json("events", "replay", event.id, "--endpoint", made.id);
    assert.equal((replayed.data as unknown[]).length, 1);
    const rotated = json("webhooks", "rotate-secret", made.id);
    assert.notEqual(rotated.secret, made.secret);

    const events = cli("events", "list", "--type", "webhook_endpoint.test");
    assert.equal(events.status, 0, events.stderr);
    assert.match(events.stdout, new RegExp(`${event.id} +\\d+ +webhook_endpoint.test`));
    assert.equal(json("events", "get", event.id).id, event.id);

    assert.equal(json("webhooks", "delete", made.id).id, made.id);
    const gone = cli("webhooks", "get", made.id);
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, /^error webhook_endpoint_not_found: .* \(id\)\n$/);
  });

  it("names the field of a bad event type", () => {
    const refused = cli("webhooks", "create", "https://hooks.example.com/x", "--events", "nope");
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^error invalid_request: .*\(event_types\[0\]\)\n$/);
  });
});
