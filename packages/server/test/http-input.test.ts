/**
 * What clients send that the API takes as meant: a query parameter a list does not know is
 * refused by name, as an unknown body field is.
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import {
  type ApiHarness,
  apiHarness,
  expectError,
  type OrganizationFixture,
  text,
} from "./support/api.ts";

let api: ApiHarness;
let org: OrganizationFixture;

before(async () => {
  api = await apiHarness();
  org = await api.newOrganization("Acme");
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

