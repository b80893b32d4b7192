/**
 * The gateway at a pool whose subscription gives access only to members holding a seat: a member
 * without one is refused in the provider's own words (a 403 each official client raises as its
 * permission error) before anything goes upstream or is held; with a seat the call goes through.
 */
import assert from "node:assert/strict";
import type { TestContext } from "node:test";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { at } from "./support/api.ts";
import { publishOperatorPlans, teamPlan } from "./support/billing-world.ts";
import {
  anthropicModel,
  type GatewayWorld,
  gatewayWorld,
  openAiModel,
  poolFigures,
} from "./support/gateway.ts";

const question = [{ role: "user" as const, content: "What is a pooled credit?" }];

/** The world's pool on `team` with one seat, gated by seat; answers the subscription. */
async function gated(t: TestContext): Promise<{ world: GatewayWorld; subscription: string }> {
  const world = await gatewayWorld(t);
  await publishOperatorPlans(world.api);
  const body = { plan: teamPlan.id, seats: 1, pool: world.pool, seat_access: "assigned" };
  const key = world.org.ownerKey;
  const started = await world.api.ok("POST", "/v1/subscriptions", { key, body });
  return { world, subscription: String(at(started, "id")) };
}

async function assignAda(world: GatewayWorld, subscription: string) {
  await world.api.ok("POST", `/v1/subscriptions/${subscription}/assignments`, {
    key: world.org.ownerKey,
    body: { member: world.member },
  });
}

describe("the gateway and seats", () => {
  it("OpenAI: a member without a seat gets a 403 permission error, nothing upstream", async (t) => {
    const { world, subscription } = await gated(t);
    const openai = new OpenAI({
      apiKey: world.key,
      baseURL: `${world.url}/gateway/openai/v1`,
      maxRetries: 0,
    });
    const refused = await openai.chat.completions
      .create({ model: openAiModel, messages: question, max_tokens: 100 })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof OpenAI.PermissionDeniedError, String(refused));
    assert.equal(refused.status, 403);
    assert.equal(refused.code, "seat_required");
    assert.equal(refused.type, "permission_denied_error");
    assert.equal(refused.param, "member");
    assert.match(refused.message, new RegExp(`${world.member}.*${subscription}`));
    assert.equal(world.fake.requests().length, 0, "upstream never saw it");
    assert.equal(at(await poolFigures(world), "held"), "0");
    const calls = await world.api.ok("GET", "/v1/gateway-calls", { key: world.key });
    assert.deepEqual(at(calls, "data"), []);

    await assignAda(world, subscription);
    world.fake.script({ kind: "reply", text: "Shared.", usage: { input_tokens: 10 } });
    const answer = await openai.chat.completions.create({
      model: openAiModel,
      messages: question,
      max_tokens: 100,
    });
    assert.equal(answer.choices[0]?.message.content, "Shared.");
  });

  it("Anthropic: a member without a seat gets a 403 permission_error, nothing upstream", async (t) => {
    const { world } = await gated(t);
    const anthropic = new Anthropic({
      apiKey: world.key,
      baseURL: `${world.url}/gateway/anthropic`,
      maxRetries: 0,
    });
    const refused = await anthropic.messages
      .create({ model: anthropicModel, messages: question, max_tokens: 100 })
      .then(
        () => null,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof Anthropic.PermissionDeniedError, String(refused));
    assert.equal(refused.status, 403);
    const error = refused.error as { error: { type: string; creditpool: { code: string } } };
    assert.equal(error.error.type, "permission_error");
    assert.equal(error.error.creditpool.code, "seat_required");
    assert.equal(world.fake.requests().length, 0, "upstream never saw it");
  });
});
