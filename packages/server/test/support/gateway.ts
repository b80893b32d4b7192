/**
 * A served creditpool and a fake upstream for the gateway's tests: an organization with a rate
 * card for the models the tests call, a pool with credits, a member and a key bound to both, and
 * upstream accounts pointing at the fake.
 */
import type { TestContext } from "node:test";
import {
  type FakeUpstream,
  startFakeUpstream,
} from "../../src/gateway/fake-upstream/fake-upstream.ts";
import {
  type ApiHarness,
  apiHarness,
  type OrganizationFixture,
  type StoreName,
  testSecretBox,
  text,
} from "./api.ts";

/**
 * Credits per token: input 0.001, cached 0.0001, cache writes 0.00125, output and reasoning
 * 0.004, times `scale` (the tests' heavy model costs 10 times as much, their light one a tenth).
 */
export const gatewayPrices = (model: string, scale = 1) =>
  (
    [
      ["input_tokens", 0.001],
      ["cached_input_tokens", 0.0001],
      ["cache_write_tokens", 0.00125],
      ["output_tokens", 0.004],
      ["reasoning_tokens", 0.004],
    ] as const
  ).map(([meter, credits]) => ({
    meter,
    dimensions: { model },
    credits_per_unit: (credits * scale).toFixed(6).replace(/0+$/, ""),
  }));

export const openAiModel = "gpt-5-mini";
export const anthropicModel = "claude-sonnet-4-5";
export const heavyModel = "gpt-5";
export const lightModel = "gpt-5-nano";
/** An OpenAI model without hidden reasoning tokens: its output is all in the text streamed. */
export const plainModel = "gpt-4.1";

export interface GatewayWorld {
  readonly api: ApiHarness;
  readonly fake: FakeUpstream;
  /** creditpool's origin. */
  readonly url: string;
  readonly org: OrganizationFixture;
  readonly pool: string;
  readonly member: string;
  /** A member key bound to `pool` and `member`: what an SDK is given as its API key. */
  readonly key: string;
  readonly keyId: string;
  /** The upstream accounts made, in order. */
  readonly upstreams: string[];
}

export interface GatewayWorldOptions {
  readonly store?: StoreName;
  readonly credits?: string;
  readonly limit?: { amount: string; kind: "hard" | "soft"; period: "month" };
  /** Upstream accounts to make per provider (1 by default; 0 to make them in the test). */
  readonly accounts?: number;
}

export async function gatewayWorld(
  t: TestContext,
  options: GatewayWorldOptions = {},
): Promise<GatewayWorld> {
  const api = await apiHarness({
    store: options.store ?? "sqlite",
    upstreams: { box: testSecretBox, allowPrivate: true },
  });
  const fake = await startFakeUpstream();
  t.after(async () => {
    await api.close();
    await fake.close();
  });
  const url = await api.listen();
  const org = await api.newOrganization("Gateway");
  const owner = org.ownerKey;
  const prices = [
    ...gatewayPrices(openAiModel),
    ...gatewayPrices(anthropicModel),
    ...gatewayPrices(heavyModel, 10),
    ...gatewayPrices(lightModel, 0.1),
    ...gatewayPrices(plainModel),
  ];
  await api.ok("POST", "/v1/rate-cards", { key: owner, body: { prices } });
  const extra = options.limit === undefined ? {} : { limit: options.limit };
  const pool = await api.pool(org, org.rootPoolId, extra);
  await api.grant(org, pool, options.credits ?? "1000");
  const member = text(
    await api.ok("POST", "/v1/members", { key: owner, body: { name: "Ada" } }),
    "id",
  );
  const made = await api.ok("POST", "/v1/keys", {
    key: owner,
    body: { name: "ada's agent", role: "member", pool, member },
  });
  const upstreams: string[] = [];
  for (const provider of ["openai", "anthropic"] as const)
    for (let n = 1; n <= (options.accounts ?? 1); n += 1) {
      const body = {
        provider,
        name: `${provider} ${n}`,
        base_url: provider === "openai" ? fake.openAiBaseUrl : fake.url,
        api_key: `sk-${provider}-${n}`,
      };
      upstreams.push(text(await api.ok("POST", "/v1/upstreams", { key: owner, body }), "id"));
    }
  return {
    api,
    fake,
    url,
    org,
    pool,
    member,
    key: text(made, "secret"),
    keyId: text(made, "id"),
    upstreams,
  };
}

/** The pool's figures as the owner sees them. */
export async function poolFigures(world: GatewayWorld): Promise<Record<string, unknown>> {
  return (await world.api.ok("GET", `/v1/pools/${world.pool}`, {
    key: world.org.ownerKey,
  })) as Record<string, unknown>;
}

let seeded = 0;

/**
 * A call in the organization's gateway log, at `pool`, written straight to the store: for the
 * route tables that need a call to read, without a provider to make one through.
 */
export async function seedGatewayCall(
  api: ApiHarness,
  organizationId: string,
  pool: string,
): Promise<string> {
  seeded += 1;
  const id = `call_01JD2Z8Y3K4M5N6P7Q8R9S${String(seeded).padStart(4, "0")}`;
  const at = api.clock.read();
  await api.store.insertGatewayCalls([
    {
      organizationId,
      id,
      poolId: pool,
      keyId: "key_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
      memberId: null,
      provider: "openai",
      endpoint: "chat_completions",
      requestedModel: openAiModel,
      model: openAiModel,
      upstreamId: null,
      tags: "{}",
      holdIds: ["hold_01JD2Z8Y3K4M5N6P7Q8R9S0T1V"],
      usage: JSON.stringify({ input_tokens: 10, output_tokens: 5 }),
      credits: 30_000n,
      status: "completed",
      finishReason: "stop",
      stream: false,
      startedAt: at,
      endedAt: at,
    },
  ]);
  return id;
}
