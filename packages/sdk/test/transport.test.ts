/**
 * What the client does on the wire, against a scripted `fetch`: the key and idempotency headers,
 * retries with the same key, typed errors, timeouts. One behaviour per test.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError, type Fetch, ulidTime } from "../src/index.ts";

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** A fetch that answers from a script, one step per attempt, and records what was sent. */
function scripted(steps: readonly (() => Response | Promise<Response>)[]) {
  const sent: Sent[] = [];
  const fetch: Fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.method === "GET" ? undefined : await request.text(),
    });
    const step = steps[sent.length - 1];
    if (step === undefined) throw new Error(`no answer scripted for attempt ${sent.length}`);
    return step();
  };
  return { fetch, sent };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const envelope = (code: string, message: string, param?: string) => ({
  error: { type: "request_error", code, message, ...(param === undefined ? {} : { param }) },
});

const pool = {
  id: "pool_01",
  object: "pool",
  parent: null,
  name: "Acme",
  draws_from_parent: false,
  limit: null,
  overage_limit: null,
  available: "12.5",
  held: "0",
  consumed_this_period: "0",
  granted: "12.5",
  debt: "0",
  overage_used_this_period: "0",
  created_at: "2026-11-21T09:30:00.000Z",
};

const networkDown = () => {
  throw new TypeError("fetch failed");
};

function client(fetch: Fetch, options: { maxRetries?: number; timeoutMs?: number } = {}) {
  return new CreditpoolClient({
    baseUrl: "http://api.test/",
    apiKey: "cpk_test",
    fetch,
    ...options,
  });
}

describe("transport", () => {
  it("sends the bearer key and JSON, and keeps decimal strings as strings", async () => {
    const { fetch, sent } = scripted([() => json(200, pool)]);
    const answer = await client(fetch).pools.get("pool_01");
    assert.equal(answer.available, "12.5");
    assert.equal(sent[0]?.url, "http://api.test/v1/pools/pool_01");
    assert.equal(sent[0]?.headers.get("authorization"), "Bearer cpk_test");
    assert.equal(sent[0]?.headers.get("idempotency-key"), null);
  });

  it("puts query parameters in the URL and leaves out those not given", async () => {
    const { fetch, sent } = scripted([
      () => json(200, { object: "list", data: [], has_more: false }),
    ]);
    await client(fetch).transfers.list({ pool: "pool_01", limit: 5, starting_after: undefined });
    assert.equal(sent[0]?.url, "http://api.test/v1/transfers?pool=pool_01&limit=5");
  });

  it("sends a time-ordered idempotency key with every POST", async () => {
    const { fetch, sent } = scripted([() => json(201, pool)]);
    const before = Date.now();
    await client(fetch).pools.create({ parent: "pool_00", name: "Team" });
    const key = sent[0]?.headers.get("idempotency-key") ?? "";
    assert.match(key, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.ok(ulidTime(key) >= before && ulidTime(key) <= Date.now());
    assert.deepEqual(JSON.parse(sent[0]?.body ?? ""), { parent: "pool_00", name: "Team" });
  });

  it("sends the caller's idempotency key when given", async () => {
    const { fetch, sent } = scripted([() => json(200, pool)]);
    await client(fetch).pools.update("pool_01", { name: "Renamed" }, { idempotencyKey: "mine-1" });
    assert.equal(sent[0]?.method, "PATCH");
    assert.equal(sent[0]?.headers.get("idempotency-key"), "mine-1");
  });

  it("retries a network failure and a 5xx with the same idempotency key", async () => {
    const { fetch, sent } = scripted([
      networkDown,
      () => json(503, envelope("overloaded", "The engine's queue is full.")),
      () => json(201, pool),
    ]);
    const answer = await client(fetch).pools.create({ parent: "pool_00", name: "Team" });
    assert.equal(answer.id, "pool_01");
    assert.equal(sent.length, 3);
    const keys = new Set(sent.map((request) => request.headers.get("idempotency-key")));
    assert.equal(keys.size, 1);
  });

  it("gives up after maxRetries and reports the last failure as retryable", async () => {
    const failure = () => json(500, envelope("internal_error", "An unexpected failure."));
    const { fetch, sent } = scripted([failure, failure]);
    const error = await client(fetch, { maxRetries: 1 })
      .grants.create({ pool: "pool_01", amount: "5", source: "plan" })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof CreditpoolError);
    assert.equal(sent.length, 2);
    assert.equal(error.status, 500);
    assert.equal(error.code, "internal_error");
    assert.equal(error.retryable, true);
    assert.equal(error.idempotencyKey, sent[0]?.headers.get("idempotency-key"));
  });

  it("does not retry a 4xx and types it from the error envelope", async () => {
    const { fetch, sent } = scripted([
      () => json(409, envelope("idempotency_key_reused", "Different request.", "Idempotency-Key")),
    ]);
    const error = await client(fetch)
      .holds.capture("hold_01", { amount: "1" }, { idempotencyKey: "k" })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof CreditpoolError);
    assert.equal(sent.length, 1);
    assert.deepEqual(
      [error.status, error.code, error.param, error.message, error.retryable, error.type],
      [
        409,
        "idempotency_key_reused",
        "Idempotency-Key",
        "Different request.",
        false,
        "request_error",
      ],
    );
  });

  it("answers a refused hold as a decision, not an error", async () => {
    const refusal = {
      allowed: false,
      code: "pool_limit_exceeded",
      pool: "pool_02",
      message: "Hold refused.",
    };
    const { fetch } = scripted([() => json(200, refusal)]);
    const decision = await client(fetch).holds.create({ pool: "pool_02", amount: "600" });
    assert.equal(decision.allowed, false);
    if (decision.allowed) return;
    assert.equal(decision.code, "pool_limit_exceeded");
    assert.equal(decision.pool, "pool_02");
  });

  it("reports a connection that never works as connection_error, after its retries", async () => {
    const { fetch, sent } = scripted([networkDown, networkDown, networkDown]);
    const error = await client(fetch)
      .organization.get()
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof CreditpoolError);
    assert.equal(sent.length, 3);
    assert.deepEqual([error.status, error.code, error.retryable], [null, "connection_error", true]);
  });

  it("times out an attempt that does not answer, and retries it", async () => {
    const hang: Fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
      });
    let attempts = 0;
    const fetch: Fetch = (input, init) => {
      attempts += 1;
      return attempts === 1 ? hang(input, init) : Promise.resolve(json(200, pool));
    };
    const answer = await client(fetch, { timeoutMs: 50 }).pools.get("pool_01");
    assert.equal(answer.id, "pool_01");
    assert.equal(attempts, 2);
  });

  it("reports a timeout as a retryable timeout error", async () => {
    const hang: Fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
      });
    const error = await client(hang, { timeoutMs: 20, maxRetries: 0 })
      .pools.get("pool_01")
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof CreditpoolError);
    assert.deepEqual([error.code, error.retryable, error.status], ["timeout", true, null]);
  });

  it("reports an answer without the API's envelope as invalid_response", async () => {
    const { fetch } = scripted([() => new Response("<html>bad gateway</html>", { status: 404 })]);
    const error = await client(fetch)
      .pools.get("pool_01")
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof CreditpoolError);
    assert.deepEqual([error.status, error.code, error.retryable], [404, "invalid_response", false]);
  });
});
