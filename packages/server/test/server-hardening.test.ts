/**
 * The HTTP server against clients that misbehave: a socket that sends part of its headers and
 * stops is answered and closed within the headers timeout, and requests Node cannot read, or
 * whose Content-Length is not a number, answer 400 in the API's error envelope.
 */
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import pino from "pino";
import { type RunningServer, serverTimeouts, startServer } from "../src/server.ts";
import { apiHarness, expectError } from "./support/api.ts";

const timeouts = { headersMs: 300, requestMs: 600, keepAliveMs: 200, checkIntervalMs: 50 };

interface Exchange {
  /** Everything the server wrote before it closed the connection. */
  readonly text: string;
  /** Milliseconds from the first byte sent to the close. */
  readonly closedAfterMs: number;
}

/** Writes `raw` on a new connection and waits until the server closes it. */
function exchange(server: RunningServer, raw: string): Promise<Exchange> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let text = "";
    let started = 0;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      text += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve({ text, closedAfterMs: performance.now() - started }));
    socket.on("connect", () => {
      started = performance.now();
      socket.write(raw);
    });
  });
}

/** The status and the JSON body of a raw HTTP/1.1 answer. */
function parse(text: string): { status: number; headers: string; body: unknown } {
  const [head = "", body = ""] = text.split("\r\n\r\n");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  return { status, headers: head.toLowerCase(), body: JSON.parse(body) };
}

function assertEnvelope(text: string, param?: string) {
  const answer = parse(text);
  assert.equal(answer.status, 400, text);
  assert.match(answer.headers, /content-type: application\/json/);
  assert.match(answer.headers, /connection: close/);
  expectError(
    { status: answer.status, body: answer.body, headers: new Headers() },
    400,
    "invalid_request",
    param,
  );
}

describe("the HTTP server and misbehaving clients", () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      database: ":memory:",
      port: 0,
      logger: pino({ level: "silent" }),
      announce: () => {},
      timeouts,
    });
  });
  after(() => server.close());

  it("the default timeouts close a slow client within seconds, not Node's 90", () => {
    const { headersMs, requestMs, keepAliveMs, checkIntervalMs } = serverTimeouts;
    assert.ok(headersMs + checkIntervalMs <= 15_000);
    assert.ok(headersMs <= requestMs && requestMs <= 60_000);
    assert.ok(keepAliveMs < headersMs);
  });

  it("a socket that sends part of its headers is answered and closed within the headers timeout", {
    timeout: 10_000,
  }, async () => {
    const answer = await exchange(server, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    assert.ok(answer.closedAfterMs >= timeouts.headersMs - 50, `${answer.closedAfterMs} ms`);
    assert.ok(
      answer.closedAfterMs < timeouts.headersMs + timeouts.checkIntervalMs + 500,
      `${answer.closedAfterMs} ms`,
    );
    assertEnvelope(answer.text);
  });

  it("a Content-Length that is not a number answers 400 in the envelope and closes", {
    timeout: 10_000,
  }, async () => {
    const request =
      "POST /v1/organizations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
      "Content-Length: twelve\r\n\r\n{}";
    assertEnvelope((await exchange(server, request)).text, "Content-Length");
  });

  it("headers over Node's maximum answer 400 in the envelope and close", {
    timeout: 10_000,
  }, async () => {
    const request = `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`;
    assertEnvelope((await exchange(server, request)).text, "headers");
  });

  it("a request that is not HTTP answers 400 in the envelope and closes", {
    timeout: 10_000,
  }, async () => {
    assertEnvelope((await exchange(server, "HELLO\r\n\r\n")).text);
  });

  it("a well-formed request on the same server is answered as usual", async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, "ok");
  });
});

describe("a Content-Length that reaches the app", () => {
  for (const declared of ["abc", "1e3", "-1", "12.5", ""]) {
    it(`"${declared}" answers 400 invalid_request on Content-Length, nothing written`, async (t) => {
      const api = await apiHarness();
      t.after(() => api.close());
      const answer = await api.call("POST", "/v1/organizations", {
        key: api.operatorKey,
        raw: JSON.stringify({ name: "Acme" }),
        headers: { "content-length": declared },
      });
      expectError(answer, 400, "invalid_request", "Content-Length");
      assert.deepEqual(await api.store.listOrganizationIds(), []);
    });
  }
});
