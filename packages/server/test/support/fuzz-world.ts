/**
 * The world the HTTP fuzz suite runs in: a home organization with a pool tree (root, a team with
 * a hard limit and an overage allowance, a leaf under it, a department funded on its own), grants,
 * open holds, members, a quote and a rate card whose prices can overflow 64 bits, plans of its
 * own and of the operator's catalog, a subscription with a finalized invoice; keys of every role,
 * some bound to a pool or a member; and a stranger organization whose ids (and plan ids) requests
 * also name, so tenant isolation is fuzzed too. It remembers what successful requests create, so
 * later requests name those objects as well.
 */

import { raisedAlert } from "./alerts.ts";
import {
  type ApiHarness,
  apiHarness,
  at,
  ids,
  type OrganizationFixture,
  type StoreName,
  text,
} from "./api.ts";
import { pastPeriodMs, publishOperatorPlans, teamPlan } from "./billing-world.ts";
import { fuzzPlanIds } from "./fuzz-billing.ts";
import { largestPrice, maxCredits } from "./fuzz-fields.ts";
import type { FuzzRequest, KeyName } from "./fuzz-request.ts";
import { type Ref, type RefKind, refKinds } from "./fuzz-values.ts";
import { seedGatewayCall } from "./gateway.ts";

export interface FixturePools {
  readonly root: string;
  readonly team: string;
  readonly leaf: string;
  readonly dept: string;
}

export interface FuzzWorld {
  readonly api: ApiHarness;
  readonly home: OrganizationFixture;
  readonly stranger: OrganizationFixture;
  readonly pools: FixturePools;
  /** What made the app answer 500 since the list was last emptied. */
  readonly unexpected: unknown[];
  /** The Authorization header a key name stands for, or none. */
  authorization(key: KeyName): string | undefined;
  resolve(ref: Ref): string;
  /** Records what a successful request created, so later requests may name it. */
  remember(request: FuzzRequest, status: number, body: unknown): void;
}

/** Prices of the home organization: ordinary ones, and ones whose product passes 64 bits. */
export const homePrices = [
  { meter: "input_tokens", dimensions: { model: "m" }, credits_per_unit: "0.00025" },
  { meter: "input_tokens", credits_per_unit: "0.0001" },
  { meter: "output_tokens", credits_per_unit: "0.001" },
  { meter: "expensive", credits_per_unit: maxCredits },
  { meter: "huge", credits_per_unit: largestPrice },
  { meter: "tiny", credits_per_unit: "0.000000000000000001" },
  {
    meter: "searches",
    tiers: [
      { up_to: 100, credits_per_unit: "0.5" },
      { up_to: null, credits_per_unit: "0.25" },
    ],
  },
];

const plainUsage = { quantities: { input_tokens: 1000 }, dimensions: { model: "m" } };

/**
 * Plans in every catalog (the home organization's own, the stranger's own and its shadow of the
 * operator's `team`), a subscription of a pool in each organization, and a month later their
 * invoices: the first finalized, the next a draft. It moves the clock a month, so it runs before
 * the objects whose time matters (holds) are made.
 */
async function billing(
  api: ApiHarness,
  refs: Record<RefKind, string[]>,
  [home, homePool]: readonly [OrganizationFixture, string],
  [stranger, strangerPool]: readonly [OrganizationFixture, string],
): Promise<void> {
  await publishOperatorPlans(api);
  const ownPlan = {
    ...teamPlan,
    id: fuzzPlanIds.home,
    name: "Own",
    base_price: 9900,
    credits_per_organization: "500",
    rollover: { cap: { percent: 50 }, lifetime_days: 30 },
    seat_removal: "claw_back",
  };
  const plans: [OrganizationFixture, object][] = [
    [home, ownPlan],
    [stranger, { ...teamPlan, name: "Globex team", credits_per_seat: "7" }],
    [stranger, { ...teamPlan, id: fuzzPlanIds.stranger, name: "Globex" }],
  ];
  for (const [organization, body] of plans) {
    await api.ok("POST", "/v1/plans", { key: organization.ownerKey, body });
  }
  const subscribed = [
    {
      organization: home,
      pool: homePool,
      subscriptions: refs.subscription,
      invoices: refs.invoice,
    },
    {
      organization: stranger,
      pool: strangerPool,
      subscriptions: refs.strangerSubscription,
      invoices: refs.strangerInvoice,
    },
  ];
  for (const { organization, pool, subscriptions } of subscribed) {
    const body = { plan: teamPlan.id, seats: 2, pool };
    const made = await api.ok("POST", "/v1/subscriptions", { key: organization.ownerKey, body });
    subscriptions.push(text(made, "id"));
  }
  api.clock.advance(pastPeriodMs);
  for (const { organization, subscriptions, invoices } of subscribed) {
    const key = organization.ownerKey;
    const [id] = subscriptions;
    await api.ok("GET", `/v1/subscriptions/${id}`, { key });
    const listed = await api.ok("GET", `/v1/invoices?subscription=${id}`, { key });
    // The draft first and the finalized one last, so the newest reference is payable.
    invoices.push(...ids(listed).reverse());
  }
}

/**
 * What governance, webhooks and alerts keep for each organization: a refused hold's decision, an
 * approval request at a pool gated for it, a webhook endpoint with a test event and its delivery,
 * and an open alert with its rule; and, in the home organization, empty pools that may be
 * archived. The gated and the spare pools are none of the pools other requests name.
 */
async function governance(
  api: ApiHarness,
  refs: Record<RefKind, string[]>,
  home: readonly [OrganizationFixture, string],
  stranger: readonly [OrganizationFixture, string],
): Promise<void> {
  for (let n = 0; n < 2; n += 1) refs.sparePool.push(await api.pool(home[0], home[0].rootPoolId));
  const kept = [
    [home, ""],
    [stranger, "stranger"],
  ] as const;
  for (const [[organization, pool], prefix] of kept) {
    const key = organization.ownerKey;
    const list = (kind: string) =>
      refs[
        (prefix === "" ? kind : `${prefix}${kind[0]?.toUpperCase()}${kind.slice(1)}`) as RefKind
      ];
    const refused = await api.ok("POST", "/v1/holds", {
      key,
      body: { pool, amount: "1000000" },
    });
    list("decision").push(text(refused, "decision_id"));
    const gated = await api.pool(organization, pool, { approval_above: "1" });
    const asked = await api.ok("POST", "/v1/holds", { key, body: { pool: gated, amount: "2" } });
    if (at(asked, "code") !== "approval_required") throw new Error(JSON.stringify(asked));
    list("approval").push(text(asked, "decision_id"));
    const body = { url: "https://example.com/hooks", description: "fuzz" };
    const endpoint = text(await api.ok("POST", "/v1/webhook-endpoints", { key, body }), "id");
    list("webhookEndpoint").push(endpoint);
    const path = `/v1/webhook-endpoints/${endpoint}`;
    list("event").push(text(await api.ok("POST", `${path}/test`, { key }), "id"));
    list("delivery").push(text(await api.ok("GET", `${path}/deliveries`, { key }), "data.0.id"));
    const alert = await raisedAlert(api, organization, pool);
    list("alert").push(alert);
    list("alertRule").push(text(await api.ok("GET", `/v1/alerts/${alert}`, { key }), "rule"));
    const seat = { provider: "anthropic", name: "fuzz seat", api_key: "sk-fuzz-0123456789" };
    list("upstream").push(text(await api.ok("POST", "/v1/upstreams", { key, body: seat }), "id"));
    const tiers = { light: ["gpt-5-nano"], standard: ["gpt-5-mini"], heavy: ["gpt-5"] };
    const routed = await api.pool(organization, pool);
    const policy = await api.ok("POST", "/v1/routing-policies", {
      key,
      body: { pool: routed, tiers },
    });
    list("routingPolicy").push(text(policy, "id"));
    list("gatewayCall").push(await seedGatewayCall(api, organization.organizationId, pool));
  }
}

export async function fuzzWorld(store: StoreName, seed: number): Promise<FuzzWorld> {
  const unexpected: unknown[] = [];
  const api = await apiHarness({ store, seed, onUnexpected: (error) => unexpected.push(error) });
  const refs = Object.fromEntries(refKinds.map((kind) => [kind, [] as string[]])) as Record<
    RefKind,
    string[]
  >;
  await api.ok("POST", "/v1/rate-cards", {
    key: api.operatorKey,
    body: { prices: [{ meter: "input_tokens", credits_per_unit: "0.0002" }] },
  });

  const home = await api.newOrganization("Acme");
  const owner = home.ownerKey;
  const root = home.rootPoolId;
  const team = await api.pool(home, root, {
    limit: { amount: "500", kind: "hard", period: "month" },
    overage_limit: { amount: "5", period: "day" },
  });
  const leaf = await api.pool(home, team);
  const dept = await api.pool(home, root, { draws_from_parent: false });
  refs.pool.push(root, dept, leaf, team);
  const stranger = await api.newOrganization("Globex");
  const ops = await api.pool(stranger, stranger.rootPoolId);
  await billing(api, refs, [home, dept], [stranger, ops]);
  for (const [pool, amount] of [
    [root, "1000"],
    [team, "50"],
    [leaf, "20"],
    [dept, "100"],
  ] as const) {
    refs.grant.push(await api.grant(home, pool, amount));
  }
  refs.hold.push(
    await api.hold(home, dept, "1"),
    await api.hold(home, leaf, "2", 60),
    await api.hold(home, team, "5"),
  );
  const member = async (organization: OrganizationFixture, body: object) =>
    text(await api.ok("POST", "/v1/members", { key: organization.ownerKey, body }), "id");
  const ann = await member(home, { name: "Ann", pool: team });
  refs.member.push(await member(home, { name: "Bob", kind: "agent" }), ann);
  await api.ok("POST", "/v1/rate-cards", {
    key: owner,
    body: { minimum_charge: "0.001", prices: homePrices },
  });
  refs.quote.push(
    text(await api.ok("POST", "/v1/quotes", { key: owner, body: { usage: plainUsage } }), "id"),
  );

  const secrets = new Map<KeyName, string>([
    ["owner", owner],
    ["operator", api.operatorKey],
    ["stranger", ""],
  ]);
  for (const role of ["admin", "billing", "member", "agent", "viewer"] as const) {
    secrets.set(role, await api.keyFor(home, role));
  }
  const bound: [
    KeyName,
    Parameters<ApiHarness["keyFor"]>[1],
    { pool?: string; member?: string },
  ][] = [
    ["admin@team", "admin", { pool: team }],
    ["agent@team", "agent", { pool: team }],
    ["billing@team", "billing", { pool: team }],
    ["member@leaf", "member", { pool: leaf, member: ann }],
    ["viewer@leaf", "viewer", { pool: leaf }],
    ["agent@ann", "agent", { member: ann }],
  ];
  for (const [name, role, options] of bound)
    secrets.set(name, await api.keyFor(home, role, options));
  // Keys that DELETE may revoke: never one the suite sends with.
  for (const [role, pool] of [
    ["viewer", undefined],
    ["agent", leaf],
    ["admin", team],
  ] as const) {
    const body = { name: `spare ${role}`, role, ...(pool === undefined ? {} : { pool }) };
    refs.key.push(text(await api.ok("POST", "/v1/keys", { key: owner, body }), "id"));
  }

  secrets.set("stranger", stranger.ownerKey);
  refs.strangerPool.push(stranger.rootPoolId, ops);
  refs.strangerGrant.push(await api.grant(stranger, ops, "10"));
  for (const [organization, pool, list] of [
    [home, team, refs.recurringGrant],
    [stranger, ops, refs.strangerRecurringGrant],
  ] as const) {
    const body = { pool, amount: "3", source: "promotion", interval: "month" };
    const made = await api.ok("POST", "/v1/recurring-grants", { key: organization.ownerKey, body });
    list.push(text(made, "id"));
  }
  refs.strangerHold.push(await api.hold(stranger, ops, "1"));
  refs.strangerMember.push(await member(stranger, { name: "Eve" }));
  const strangerKey = await api.ok("POST", "/v1/keys", {
    key: stranger.ownerKey,
    body: { name: "spare", role: "viewer" },
  });
  refs.strangerKey.push(text(strangerKey, "id"));
  const quote = await api.ok("POST", "/v1/quotes", {
    key: stranger.ownerKey,
    body: { usage: { quantities: { input_tokens: 10 } } },
  });
  refs.strangerQuote.push(text(quote, "id"));
  await governance(api, refs, [home, dept], [stranger, ops]);

  return {
    api,
    home,
    stranger,
    pools: { root, team, leaf, dept },
    unexpected,
    authorization(key) {
      if (key === "none") return undefined;
      if (key === "unknown") return `Bearer cpk_${"0".repeat(32)}`;
      if (key === "malformed") return "Bearer \u0001cpk_\u007f junk";
      return `Bearer ${secrets.get(key) ?? ""}`;
    },
    resolve(ref) {
      const list = refs[ref.kind];
      const picked = list[list.length - 1 - (ref.back % Math.max(1, list.length))];
      return picked ?? `${ref.kind}_01JD2Z8Y3K4M5N6P7Q8R9S0T1V`;
    },
    remember(request, status, body) {
      if (status < 200 || status >= 300 || request.key === "operator") return;
      // A subscription's answer names its period's invoice, which may be new.
      const period: [RefKind, string] = ["invoice", "current_period.invoice"];
      const created: Record<string, [RefKind, string][]> = {
        "POST /v1/pools": [
          ["pool", "id"],
          ["sparePool", "id"],
        ],
        "POST /v1/grants": [["grant", "id"]],
        "POST /v1/recurring-grants": [["recurringGrant", "id"]],
        "POST /v1/holds": [
          ["hold", "hold.id"],
          ["decision", "decision_id"],
        ],
        "POST /v1/members": [["member", "id"]],
        "POST /v1/keys": [["key", "id"]],
        "POST /v1/quotes": [["quote", "id"]],
        "POST /v1/subscriptions": [["subscription", "id"], period],
        "GET /v1/subscriptions/{id}": [period],
        "POST /v1/subscriptions/{id}/seats": [period],
        "POST /v1/subscriptions/{id}/plan": [period],
        "POST /v1/top-ups": [
          ["grant", "grant"],
          ["invoice", "invoice"],
        ],
        "GET /v1/decisions": [["decision", "data.0.id"]],
        "GET /v1/approvals": [["approval", "data.0.id"]],
        "GET /v1/events": [["event", "data.0.id"]],
        "POST /v1/events/{id}/replay": [["delivery", "data.0.id"]],
        "POST /v1/webhook-endpoints": [["webhookEndpoint", "id"]],
        "POST /v1/webhook-endpoints/{id}/test": [["event", "id"]],
        "POST /v1/webhook-deliveries/{id}/retry": [["delivery", "id"]],
        "POST /v1/alert-rules": [["alertRule", "id"]],
        "POST /v1/routing-policies": [["routingPolicy", "id"]],
        "GET /v1/alerts": [["alert", "data.0.id"]],
        "POST /v1/upstreams": [["upstream", "id"]],
      };
      // A hold refused for approval names an approval request.
      const asked =
        request.operation === "POST /v1/holds" && at(body, "code") === "approval_required";
      const approval: [RefKind, string][] = asked ? [["approval", "decision_id"]] : [];
      for (const [kind, path] of [...(created[request.operation] ?? []), ...approval]) {
        const id = at(body, path);
        if (typeof id !== "string") continue;
        const strangerKind = `stranger${kind[0]?.toUpperCase()}${kind.slice(1)}` as RefKind;
        // Spare pools are the home organization's alone: the stranger has none to remember.
        const list: string[] | undefined = refs[request.key === "stranger" ? strangerKind : kind];
        if (list !== undefined && !list.includes(id)) list.push(id);
      }
    },
  };
}
