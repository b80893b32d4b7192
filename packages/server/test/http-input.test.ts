/**
 * What clients send that the API takes as meant: a query parameter a list does not know is
 * refused by name, as an unknown body field is; an empty JSON body is read as `{}`.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  text,
} from "./support/api.ts";

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

it("a query parameter a list does not know is refused, naming it", async () => {
  const key = org.ownerKey;
  for (const path of ["/v1/pools", "/v1/grants", "/v1/members", "/v1/keys", "/v1/transfers"]) {
    const answer = await api.call("GET", `${path}?limit=2&colour=blue`, { key });
    expectError(answer, 400, "invalid_request", "colour");
    assert.match(text(answer.body, "error.message"), /colour is not a known query parameter/);
    assert.equal((await api.call("GET", `${path}?limit=2`, { key })).status, 200, path);
  }
  const misspelt = await api.call("GET", "/v1/transfers?starting_afer=3", { key });
  expectError(misspelt, 400, "invalid_request", "starting_afer");
});

it("an empty JSON body is read as {}: a release and a void need none", async () => {
  const key = org.ownerKey;
  const json = { "content-type": "application/json" };
  const hold = await api.hold(org, team, "2");
  const released = await api.call("POST", `/v1/holds/${hold}/release`, {
    key,
    raw: "",
    headers: json,
  });
  assert.equal(released.status, 200, JSON.stringify(released.body));
  assert.equal(at(released.body, "status"), "released");
  const grant = await api.grant(org, team, "5");
  const voided = await api.call("POST", `/v1/grants/${grant}/void`, {
    key,
    raw: "",
    headers: { "content-type": "application/json; charset=utf-8" },
  });
  assert.equal(voided.status, 200, JSON.stringify(voided.body));
  assert.equal(at(voided.body, "status"), "voided");
  // A body that is required names its first missing field rather than calling {} malformed.
  const pool = await api.call("POST", "/v1/pools", { key, raw: "", headers: json });
  expectError(pool, 400, "invalid_request", "parent");
});
