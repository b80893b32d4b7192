/**
 * Tags and attribution over HTTP: a hold's tags, model and priced split by meter reach the
 * transfers its capture makes (a capture priced from usage keeps its own split), a usage event's
 * tags and split reach its transfers, and bad tags are refused naming the field. One outcome per
 * test.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Transfer } from "@creditpool/core";
import {
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type OrganizationFixture,
  text,
} from "./support/api.ts";

const gpt = { model: "gpt-4o" };
const prices = [
  { meter: "input_tokens", dimensions: gpt, credits_per_unit: "0.00025" },
  { meter: "output_tokens", dimensions: gpt, credits_per_unit: "0.001" },
];
const tags = { use_case: "support", feature: "faq" };

describe("tags and attribution over HTTP", () => {
  let api: ApiHarness;
  let org: OrganizationFixture;
  const post = (path: string, body: unknown) => api.call("POST", path, { key: org.ownerKey, body });

  async function consumingTransfers(filter: { holdId?: string }): Promise<Transfer[]> {
    const all = await api.store.listTransfers(org.organizationId, {
      afterSequence: 0,
      limit: 500,
      ...filter,
    });
    return all.filter((transfer) => transfer.attribution !== undefined);
  }

  before(async () => {
    api = await apiHarness();
    org = await api.newOrganization("Attributed");
    await api.grant(org, org.rootPoolId, "1000");
    await api.ok("POST", "/v1/rate-cards", { key: org.ownerKey, body: { prices } });
  });
  after(() => api.close());

  it("a hold sized from usage: its capture by amount carries the hold's tags, model and split", async () => {
    const usage = { quantities: { input_tokens: 1200, output_tokens: 300 }, dimensions: gpt };
    const hold = await post("/v1/holds", { pool: org.rootPoolId, usage, tags });
    assert.equal(at(hold.body, "allowed"), true);
    const holdId = text(hold.body, "hold.id");
    assert.equal((await post(`/v1/holds/${holdId}/capture`, { amount: "0.6" })).status, 200);
    const [capture, ...rest] = await consumingTransfers({ holdId });
    assert.deepEqual(rest, []);
    assert.equal(capture?.kind, "capture");
    assert.equal(capture?.attribution?.model, "gpt-4o");
    assert.deepEqual(capture?.attribution?.tags, tags);
    // 1,200 x 0.00025 = 0.3 and 300 x 0.001 = 0.3.
    assert.deepEqual(capture?.attribution?.meters, {
      input_tokens: 300_000n,
      output_tokens: 300_000n,
    });
  });

  it("a capture priced from usage carries its own split, not the hold's", async () => {
    const usage = { quantities: { input_tokens: 4000 }, dimensions: gpt };
    const hold = await post("/v1/holds", { pool: org.rootPoolId, usage, tags });
    const holdId = text(hold.body, "hold.id");
    const actual = { quantities: { input_tokens: 400, output_tokens: 100 }, dimensions: gpt };
    assert.equal((await post(`/v1/holds/${holdId}/capture`, { usage: actual })).status, 200);
    const [capture] = await consumingTransfers({ holdId });
    assert.deepEqual(capture?.attribution?.meters, {
      input_tokens: 100_000n,
      output_tokens: 100_000n,
    });
    assert.deepEqual(capture?.attribution?.tags, tags);
  });

  it("a usage event's tags, model and split reach its transfers", async () => {
    const event = {
      id: "evt-attributed",
      pool: org.rootPoolId,
      quantities: { input_tokens: 2000 },
      dimensions: gpt,
      tags: { team: "ml" },
    };
    const answer = await post("/v1/usage", { events: [event] });
    assert.equal(at(answer.body, "data.0.status"), "recorded");
    const usage = (await consumingTransfers({})).filter((transfer) => transfer.kind === "usage");
    assert.deepEqual(usage.at(-1)?.attribution, {
      memberId: null,
      keyId: usage.at(-1)?.attribution?.keyId,
      model: "gpt-4o",
      meters: { input_tokens: 500_000n },
      tags: { team: "ml" },
    });
    assert.match(usage.at(-1)?.attribution?.keyId ?? "", /^key_/);
  });

  it("a usage event repeated with other tags is not the same event", async () => {
    const event = { id: "evt-retagged", pool: org.rootPoolId, amount: "1", tags: { a: "1" } };
    await post("/v1/usage", { events: [event] });
    const again = await post("/v1/usage", { events: [{ ...event, tags: { a: "2" } }] });
    assert.equal(at(again.body, "data.0.code"), "idempotency_key_reused");
  });

  it("a hold's tag key in capitals is a 400 naming tags, and holds nothing", async () => {
    const answer = await post("/v1/holds", {
      pool: org.rootPoolId,
      amount: "1",
      tags: { UseCase: "x" },
    });
    expectError(answer, 400, "invalid_request", "tags");
  });
});
