/** A hold names the member its work is for; a key bound to a member holds for that member only. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  text,
} from "./support/api.ts";

describe("holds for members", () => {
  let api: ApiHarness;
  let org: OrganizationFixture;
  let ann: string;
  let bob: string;

  before(async () => {
    api = await apiHarness();
    org = await api.newOrganization("Members");
    await api.grant(org, org.rootPoolId, "100");
    const add = async (name: string) =>
      text(await api.ok("POST", "/v1/members", { key: org.ownerKey, body: { name } }), "id");
    ann = await add("Ann");
    bob = await add("Bob");
  });
  after(() => api.close());

  const hold = (key: string, member?: string) =>
    api.call("POST", "/v1/holds", {
      key,
      body: { pool: org.rootPoolId, amount: "1", ...(member === undefined ? {} : { member }) },
    });

  it("records the member a hold names", async () => {
    const answer = await hold(org.ownerKey, ann);
    assert.equal(at(answer.body, "hold.member"), ann);
  });

  it("leaves the member empty when none is named and the key has none", async () => {
    assert.equal(at((await hold(org.ownerKey)).body, "hold.member"), null);
  });

  it("refuses a member that does not exist: 404 on member, nothing written", async () => {
    const before = await api.journal(org.organizationId);
    expectError(
      await hold(org.ownerKey, "mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V"),
      404,
      "member_not_found",
      "member",
    );
    assert.deepEqual(await api.journal(org.organizationId), before);
  });

  it("a key bound to a member holds for that member", async () => {
    const key = await api.keyFor(org, "agent", { member: ann });
    assert.equal(at((await hold(key)).body, "hold.member"), ann);
  });

  it("a key bound to a member may not hold for another: 403 on member", async () => {
    const key = await api.keyFor(org, "agent", { member: ann });
    expectError(await hold(key, bob), 403, "permission_denied", "member");
  });
});
