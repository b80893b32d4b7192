/**
 * What every answer carries: a `Request-Id` header (the caller's own when it is a short safe
 * token), and in every error the same id and one of Stripe's error types, from the one table of
 * `problem.ts` that `docs/reference/errors.md` lists again; the request log line has the id too.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type ResultCode, resultCodes } from "@creditpool/core";
import pino from "pino";
import { errorBody, errorTypeOfCode, errorTypes } from "../src/http/problem.ts";
import {
  type Answer,
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
} from "./support/api.ts";
import { memoryApp } from "./support/memory-app.ts";

const generatedId = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

/** The error envelope of `answer`, with its request id equal to the `Request-Id` header. */
function expectEnvelope(answer: Answer, status: number, code: string, type: string) {
  expectError(answer, status, code);
  const context = JSON.stringify(answer.body);
  assert.equal(at(answer.body, "error.type"), type, context);
  const header = answer.headers.get("request-id");
  assert.match(header ?? "", generatedId, context);
  assert.equal(at(answer.body, "error.request_id"), header, context);
}

describe("error types", () => {
  it("every result code has one type of the six, and only answers of 200 have none", () => {
    for (const [code, { status }] of Object.entries(resultCodes)) {
      const type = errorTypeOfCode[code as ResultCode];
      if (status === 200) assert.equal(type, null, code);
      else assert.ok(type !== null && errorTypes.includes(type), code);
    }
    assert.deepEqual(new Set(Object.values(errorTypeOfCode).filter((t) => t !== null)).size, 6);
  });

  it("docs/reference/errors.md gives each code the type of the table", () => {
    const page = readFileSync(
      new URL("../../../docs/reference/errors.md", import.meta.url),
      "utf8",
    );
    const rows = [...page.matchAll(/^\| `([a-z_]+)` \| \d{3} \| (?:yes|no) \| ([^|]+) \|/gm)];
    const documented = Object.fromEntries(
      rows.map(([, code, type]) => [code, /`([a-z_]+)`/.exec(type ?? "")?.[1] ?? null]),
    );
    assert.deepEqual(documented, errorTypeOfCode);
  });

  it("an envelope outside a request (a malformed one Node answers) has no request id", () => {
    assert.deepEqual(errorBody("invalid_request", "Bad.", "headers"), {
      error: {
        type: "invalid_request_error",
        code: "invalid_request",
        message: "Bad.",
        param: "headers",
      },
    });
    assert.equal(errorBody("overloaded", "Busy.").error.type, "rate_limit_error");
  });
});

describe("answers over HTTP", () => {
  let api: ApiHarness;
  let org: OrganizationFixture;
  let team: string;

  before(async () => {
    api = await apiHarness();
    org = await api.newOrganization("Acme");
    await api.grant(org, org.rootPoolId, "100");
    team = await api.pool(org, org.rootPoolId);
  });
  after(() => api.close());

  it("every answer has a Request-Id of its own, errors or not, routes or not", async () => {
    const seen = new Set<string>();
    for (const path of ["/healthz", "/openapi.json", "/v1/organization", "/v2/nothing"]) {
      const answer = await api.call("GET", path, { key: org.ownerKey });
      const id = answer.headers.get("request-id") ?? "";
      assert.match(id, generatedId, path);
      seen.add(id);
    }
    assert.equal(seen.size, 4);
  });

  it("a caller's Request-Id or X-Request-Id is echoed when it is a short safe token", async () => {
    const echoed = async (headers: Record<string, string>) =>
      (await api.call("GET", "/v1/organization", { key: org.ownerKey, headers })).headers.get(
        "request-id",
      );
    assert.equal(await echoed({ "request-id": "trace-42.a:b_c" }), "trace-42.a:b_c");
    assert.equal(await echoed({ "x-request-id": "9f1c2e" }), "9f1c2e");
    assert.equal(await echoed({ "request-id": "first", "x-request-id": "second" }), "first");
    for (const unsafe of ["two words", "x".repeat(65), "-leading", "<script>", ""]) {
      assert.match((await echoed({ "request-id": unsafe })) ?? "", generatedId, unsafe);
    }
    const answer = await api.call("GET", "/v1/pools/pool_0", {
      key: org.ownerKey,
      headers: { "x-request-id": "mine-1" },
    });
    assert.equal(at(answer.body, "error.request_id"), "mine-1");
  });

  it("each kind of failure answers its type and the request id", async () => {
    const key = org.ownerKey;
    expectEnvelope(
      await api.call("GET", "/v1/pools"),
      401,
      "unauthenticated",
      "authentication_error",
    );
    const operator = { key: api.operatorKey };
    expectEnvelope(
      await api.call("GET", "/v1/pools", operator),
      403,
      "permission_denied",
      "permission_error",
    );
    expectEnvelope(
      await api.call("GET", "/v1/pools/pool_0", { key }),
      404,
      "pool_not_found",
      "invalid_request_error",
    );
    expectEnvelope(
      await api.call("GET", "/v1/nothing", { key }),
      404,
      "route_not_found",
      "invalid_request_error",
    );
    expectEnvelope(
      await api.call("POST", "/v1/pools", { key, raw: "{" }),
      400,
      "invalid_request",
      "invalid_request_error",
    );
    const headers = { "idempotency-key": "twice" };
    await api.ok("POST", "/v1/holds", { key, headers, body: { pool: team, amount: "1" } });
    expectEnvelope(
      await api.call("POST", "/v1/holds", { key, headers, body: { pool: team, amount: "2" } }),
      409,
      "idempotency_key_reused",
      "idempotency_error",
    );
    const hold = await api.hold(org, team, "1");
    await api.ok("POST", `/v1/holds/${hold}/release`, { key });
    expectEnvelope(
      await api.call("POST", `/v1/holds/${hold}/release`, { key }),
      409,
      "hold_not_held",
      "invalid_request_error",
    );
  });
});

describe("the request log", () => {
  it("each request's line carries its request id", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const { app, close } = memoryApp(() => 1_700_000_000_000, pino(sink));
    try {
      const answer = await app.request("/v1/pools", { headers: { "x-request-id": "abc-1" } });
      const healthz = await app.request("/healthz");
      assert.equal(answer.headers.get("request-id"), "abc-1");
      const requests = lines.filter((line) => line.msg === "request");
      assert.deepEqual(
        requests.map((line) => [line.request_id, line.status]),
        [
          ["abc-1", 401],
          [healthz.headers.get("request-id"), 200],
        ],
      );
    } finally {
      await close();
    }
  });
});
