/**
 * The harness checks every answer of every HTTP test against the schema its route declares
 * (`support/response-schemas.ts`). These cases show the check sees every route and can fail.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createApp } from "../src/http/app.ts";
import { type ApiHarness, apiHarness } from "./support/api.ts";
import { declaredRoutes, responseProblem } from "./support/response-schemas.ts";

describe("answers are checked against their routes' schemas", () => {
  let api: ApiHarness;
  let routes: ReturnType<typeof declaredRoutes>;
  before(async () => {
    api = await apiHarness();
    // Any app declares the same routes; the harness's own is built the same way.
    routes = declaredRoutes(createApp({} as Parameters<typeof createApp>[0]));
  });
  after(() => api.close());

  it("every operation of /openapi.json is a declared route", async () => {
    assert.equal(routes.length, (await api.operations()).length);
  });

  it("an answer that breaks its schema is named", () => {
    const wrong = { id: 42, object: "pool" };
    const problem = responseProblem(routes, "GET", "/v1/pools/pool_01", 200, wrong);
    assert.match(problem ?? "", /^GET \/v1\/pools\/pool_01 200: /);
  });

  it("a status the route does not declare is named", () => {
    const problem = responseProblem(routes, "GET", "/v1/pools/pool_01", 418, {});
    assert.match(problem ?? "", /does not declare/);
  });

  it("an answer that keeps its schema passes, query and all", () => {
    const list = { object: "list", data: [], has_more: false };
    assert.equal(responseProblem(routes, "GET", "/v1/pools?limit=5", 200, list), null);
  });
});
