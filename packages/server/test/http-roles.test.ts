/**
 * docs/reference/roles.md against the code and the API: the page's role table must be
 * `rolePermissions` exactly, its grant table `rolesGrantable`, its routes every route of an
 * organization; then every cell is walked over HTTP: for each role and each permission, every
 * route of the row answers 2xx to a key of that role when the cell says "yes", and 403
 * permission_denied (writing nothing) when it says "no".
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import {
  boundKeyDenied,
  boundKeyMay,
  boundRoles,
  permissions,
  roleMay,
  rolePermissions,
  rolesGrantable,
} from "../src/access/roles.ts";
import { type Role, roles } from "../src/store/directory.ts";
import { raisedAlert } from "./support/alerts.ts";
import {
  type Answer,
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  type Method,
  type OrganizationFixture,
  text,
} from "./support/api.ts";
import {
  finalizedInvoice,
  publishOperatorPlans,
  subscribe,
  teamPlan,
  teamPlusPlan,
} from "./support/billing-world.ts";
import { seedGatewayCall } from "./support/gateway.ts";

const page = readFileSync(new URL("../../../docs/reference/roles.md", import.meta.url), "utf8");

/** The rows of the markdown table whose header starts with `header`, split into cells. */
function table(header: string): string[][] {
  const lines = page.split("\n");
  const start = lines.findIndex((line) => line.startsWith(header));
  assert.ok(start >= 0, `roles.md has a table starting ${header}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
  }
  assert.match(rows[1]?.join("") ?? "", /^[- ]+$/);
  return [rows[0] ?? [], ...rows.slice(2)];
}

interface PermissionRow {
  readonly permission: string;
  readonly routes: string[];
  readonly allowed: Map<string, boolean>;
}

function permissionTable(): { roles: string[]; rows: PermissionRow[] } {
  const [header = [], ...body] = table("| permission | routes |");
  const columns = header.slice(2);
  const rows = body.map(([permission = "", routes = "", ...cells]) => {
    assert.ok(
      cells.every((cell) => cell === "yes" || cell === "no"),
      cells.join(),
    );
    return {
      permission: permission.replace(/^`|`$/g, ""),
      routes: routes.split(", ").map((route) => route.replace(/^`|`$/g, "")),
      allowed: new Map(columns.map((role, index) => [role, cells[index] === "yes"])),
    };
  });
  return { roles: columns, rows };
}

function grantTable(): Map<string, string[]> {
  const [, ...body] = table("| role | may create keys of the roles |");
  return new Map(
    body.map(([role = "", grantable = ""]) => [
      role,
      grantable === "none" ? [] : grantable.split(", "),
    ]),
  );
}

describe("roles.md shows the role table of the code", () => {
  const documented = permissionTable();

  it("its columns are the roles, in order", () => {
    assert.deepEqual(documented.roles, [...roles]);
  });

  it("its rows are the permissions, in order", () => {
    assert.deepEqual(
      documented.rows.map((row) => row.permission),
      [...permissions],
    );
  });

  it("its cells are rolePermissions exactly", () => {
    const fromPage = Object.fromEntries(
      roles.map((role) => [
        role,
        documented.rows.filter((row) => row.allowed.get(role)).map((row) => row.permission),
      ]),
    );
    const fromCode = Object.fromEntries(
      roles.map((role) => [role, permissions.filter((p) => rolePermissions[role].includes(p))]),
    );
    assert.deepEqual(fromPage, fromCode);
  });

  it("its table for keys bound to a pool is boundKeyDenied exactly", () => {
    const [, ...body] = table("| permission | a key bound to a pool |");
    assert.deepEqual(
      body.map(([permission = "", cell = ""]) => [permission.replace(/^`|`$/g, ""), cell]),
      permissions.map((permission) => [
        permission,
        boundKeyDenied.includes(permission) ? "no" : "yes",
      ]),
    );
  });

  it("its grant table is rolesGrantable exactly", () => {
    assert.deepEqual(
      Object.fromEntries(grantTable()),
      Object.fromEntries(roles.map((role) => [role, [...rolesGrantable[role]]])),
    );
  });

  it("no role hands out a key with a permission it lacks itself, bound as a bound key is", () => {
    for (const role of roles) {
      const bound = boundRoles.includes(role);
      const mine = permissions.filter((p) => roleMay(role, p) && (!bound || boundKeyMay(p)));
      for (const granted of rolesGrantable[role]) {
        // A key a bound key makes is bound in turn (to the creator's pool or one under it).
        const theirs = permissions.filter(
          (p) =>
            roleMay(granted, p) && (!(bound || boundRoles.includes(granted)) || boundKeyMay(p)),
        );
        const more = theirs.filter((p) => !mine.includes(p));
        assert.deepEqual(more, [], `${role} may hand out ${granted}, which may also ${more}`);
      }
    }
  });

  it("its routes are every operation of an organization, each once", async (t) => {
    const api = await apiHarness();
    t.after(() => api.close());
    const listed = documented.rows.flatMap((row) => row.routes);
    const operations = (await api.operations()).filter(
      (operation) => operation !== "POST /v1/organizations",
    );
    assert.deepEqual([...listed].sort(), operations);
  });
});

/**
 * An organization with something for every route to act on, and a key of each role. `home` is
 * where the keys reach: the root for keys of the whole organization, a team pool for bound keys.
 */
interface World {
  readonly api: ApiHarness;
  readonly org: OrganizationFixture;
  readonly home: string;
  /** The pool the keys are bound to, if they are. */
  readonly boundTo: string | undefined;
  readonly grant: string;
  readonly hold: string;
  /** The decision record of a hold refused at `home`. */
  readonly decision: string;
  readonly member: string;
  /** A subscription to the operator's `team` plan, and its period's invoice (a draft). */
  readonly subscription: string;
  readonly invoice: string;
  /** The organization's test clock. */
  readonly clock: string;
  readonly keys: Map<Role, string>;
  /**
   * The pool the pool_admin key is bound to: `home` for bound keys; a team pool for the keys of
   * the whole organization, since a pool_admin is always bound.
   */
  readonly adminPool: string;
}

let events = 0;

/** A recurring grant to the keys' home pool, made with the owner key. */
async function recurringGrant(w: World): Promise<string> {
  const made = await w.api.ok("POST", "/v1/recurring-grants", {
    key: w.org.ownerKey,
    body: { pool: w.home, amount: "1", source: "promotion", interval: "month" },
  });
  return text(made, "id");
}

const endpoints = new WeakMap<World, string>();

/**
 * A webhook endpoint made with the owner key, one per world (an organization has at most 20),
 * or a fresh one to delete; answers its id.
 */
async function webhookEndpoint(w: World, fresh = false): Promise<string> {
  const kept = endpoints.get(w);
  if (kept !== undefined && !fresh) return kept;
  const made = await w.api.ok("POST", "/v1/webhook-endpoints", {
    key: w.org.ownerKey,
    body: { url: "https://example.com/hooks" },
  });
  if (!fresh) endpoints.set(w, text(made, "id"));
  return text(made, "id");
}

/** A test event, sent to a new endpoint with the owner key; answers the event's id. */
async function testEvent(w: World): Promise<string> {
  const endpoint = await webhookEndpoint(w);
  const event = await w.api.ok("POST", `/v1/webhook-endpoints/${endpoint}/test`, {
    key: w.org.ownerKey,
  });
  return text(event, "id");
}

/** A new pool under the keys' home with a hard limit a boost can raise. */
function limitedPool(w: World): Promise<string> {
  return w.api.pool(w.org, w.home, { limit: { amount: "1", kind: "hard", period: "month" } });
}

/** A grant reallocated with the owner key from a new grant at home to a pool under it. */
async function reallocated(w: World): Promise<string> {
  const grant = await w.api.grant(w.org, w.home, "1");
  const made = await w.api.ok("POST", `/v1/grants/${grant}/reallocate`, {
    key: w.org.ownerKey,
    body: { pool: await w.api.pool(w.org, w.home), amount: "1" },
  });
  return text(made, "id");
}

/**
 * How each route is called: what it acts on is made first with the owner key (a fresh object for
 * routes that change one), so every call could succeed but for the role.
 */
const calls: Record<string, (w: World) => Promise<[string, unknown?]>> = {
  "GET /v1/organization": async () => ["GET /v1/organization"],
  "GET /v1/pools": async () => ["GET /v1/pools"],
  "GET /v1/pools/{id}": async (w) => [`GET /v1/pools/${w.home}`],
  "POST /v1/pools": async (w) => ["POST /v1/pools", { parent: w.home, name: "P" }],
  "PATCH /v1/pools/{id}": async (w) => [
    `PATCH /v1/pools/${await w.api.pool(w.org, w.home)}`,
    { name: "Renamed" },
  ],
  "POST /v1/pools/{id}/archive": async (w) => [
    `POST /v1/pools/${await w.api.pool(w.org, w.home)}/archive`,
  ],
  "POST /v1/pools/{id}/boost": async (w) => [
    `POST /v1/pools/${await limitedPool(w)}/boost`,
    { amount: "1", until: new Date(w.api.clock.nowMs + 3_600_000).toISOString() },
  ],
  "DELETE /v1/pools/{id}/boost": async (w) => [`DELETE /v1/pools/${await limitedPool(w)}/boost`],
  "GET /v1/grants": async () => ["GET /v1/grants"],
  "GET /v1/grants/{id}": async (w) => [`GET /v1/grants/${w.grant}`],
  "POST /v1/grants": async (w) => [
    "POST /v1/grants",
    { pool: w.home, amount: "1", source: "purchase" },
  ],
  "POST /v1/grants/{id}/void": async (w) => [
    `POST /v1/grants/${await w.api.grant(w.org, w.home, "1")}/void`,
    {},
  ],
  "POST /v1/grants/{id}/expiry": async (w) => [
    `POST /v1/grants/${await w.api.grant(w.org, w.home, "1")}/expiry`,
    { expires_at: null },
  ],
  "POST /v1/grants/{id}/reallocate": async (w) => [
    `POST /v1/grants/${await w.api.grant(w.org, w.home, "1")}/reallocate`,
    { pool: await w.api.pool(w.org, w.home), amount: "1" },
  ],
  "POST /v1/grants/{id}/undo-reallocation": async (w) => [
    `POST /v1/grants/${await reallocated(w)}/undo-reallocation`,
    {},
  ],
  "GET /v1/recurring-grants": async () => ["GET /v1/recurring-grants"],
  "GET /v1/recurring-grants/{id}": async (w) => [
    `GET /v1/recurring-grants/${await recurringGrant(w)}`,
  ],
  "POST /v1/recurring-grants": async (w) => [
    "POST /v1/recurring-grants",
    { pool: w.home, amount: "1", source: "promotion", interval: "month" },
  ],
  "POST /v1/recurring-grants/{id}/cancel": async (w) => [
    `POST /v1/recurring-grants/${await recurringGrant(w)}/cancel`,
  ],
  "GET /v1/holds/{id}": async (w) => [`GET /v1/holds/${w.hold}`],
  "GET /v1/decisions": async () => ["GET /v1/decisions"],
  "GET /v1/approvals": async () => ["GET /v1/approvals"],
  "GET /v1/approvals/{id}": async (w) => [`GET /v1/approvals/${await approvalRequest(w)}`],
  "POST /v1/approvals/{id}/approve": async (w) => [
    `POST /v1/approvals/${await approvalRequest(w)}/approve`,
    {},
  ],
  "POST /v1/approvals/{id}/deny": async (w) => [
    `POST /v1/approvals/${await approvalRequest(w)}/deny`,
    {},
  ],
  "GET /v1/decisions/{id}": async (w) => [`GET /v1/decisions/${w.decision}`],
  "GET /v1/gateway-calls": async () => ["GET /v1/gateway-calls"],
  "GET /v1/gateway-calls/{id}": async (w) => [
    `GET /v1/gateway-calls/${await seedGatewayCall(w.api, w.org.organizationId, w.home)}`,
  ],
  "POST /v1/holds": async (w) => ["POST /v1/holds", { pool: w.home, amount: "1" }],
  "POST /v1/holds/{id}/capture": async (w) => [
    `POST /v1/holds/${await w.api.hold(w.org, w.home, "1")}/capture`,
    { amount: "1" },
  ],
  "POST /v1/holds/{id}/release": async (w) => [
    `POST /v1/holds/${await w.api.hold(w.org, w.home, "1")}/release`,
    {},
  ],
  "POST /v1/usage": async (w) => {
    events += 1;
    return ["POST /v1/usage", { events: [{ id: `evt-${events}`, pool: w.home, amount: "0.5" }] }];
  },
  "GET /v1/transfers": async () => ["GET /v1/transfers"],
  "GET /v1/audit-records": async () => ["GET /v1/audit-records"],
  "GET /v1/audit-records/export": async () => ["GET /v1/audit-records/export"],
  "GET /v1/members": async () => ["GET /v1/members"],
  "GET /v1/members/{id}": async (w) => [`GET /v1/members/${w.member}`],
  "POST /v1/members": async () => ["POST /v1/members", { name: "New" }],
  "GET /v1/keys": async () => ["GET /v1/keys"],
  "GET /v1/rate-cards": async () => ["GET /v1/rate-cards"],
  "POST /v1/rate-cards": async () => [
    "POST /v1/rate-cards",
    { prices: [{ meter: "input_tokens", credits_per_unit: "0.001" }] },
  ],
  "POST /v1/quotes": async (w) => {
    await w.api.ok("POST", "/v1/rate-cards", {
      key: w.org.ownerKey,
      body: { prices: [{ meter: "input_tokens", credits_per_unit: "0.001" }] },
    });
    return ["POST /v1/quotes", { usage: { quantities: { input_tokens: 10 } } }];
  },
  "POST /v1/keys": async () => ["POST /v1/keys", { name: "new", role: "viewer" }],
  "DELETE /v1/keys/{id}": async (w) => {
    const made = await w.api.ok("POST", "/v1/keys", {
      key: w.org.ownerKey,
      body: { name: "doomed", role: "viewer", pool: w.boundTo ?? null },
    });
    return [`DELETE /v1/keys/${text(made, "id")}`];
  },
  "GET /v1/plans": async () => ["GET /v1/plans"],
  "GET /v1/plans/{id}": async () => [`GET /v1/plans/${teamPlan.id}`],
  "POST /v1/plans": async () => ["POST /v1/plans", { ...teamPlan, id: "own", name: "Own" }],
  "GET /v1/subscriptions": async () => ["GET /v1/subscriptions"],
  "GET /v1/subscriptions/{id}": async (w) => [`GET /v1/subscriptions/${w.subscription}`],
  "POST /v1/subscriptions": async (w) => [
    "POST /v1/subscriptions",
    { plan: teamPlan.id, seats: 2, pool: await w.api.pool(w.org, w.home) },
  ],
  "POST /v1/subscriptions/{id}/seats": async (w) => [
    `POST /v1/subscriptions/${(await subscribe(w.api, w.org)).subscription}/seats`,
    { seats: 3 },
  ],
  "POST /v1/subscriptions/{id}/plan": async (w) => [
    `POST /v1/subscriptions/${(await subscribe(w.api, w.org)).subscription}/plan`,
    { plan: teamPlusPlan.id },
  ],
  "POST /v1/top-ups": async (w) => [
    "POST /v1/top-ups",
    { subscription: w.subscription, pack: teamPlan.top_ups[0].id },
  ],
  "POST /v1/subscriptions/{id}/auto-top-up": async (w) => [
    `POST /v1/subscriptions/${w.subscription}/auto-top-up`,
    { auto_top_up: { threshold: "10", pack: teamPlan.top_ups[0].id, max_per_period: 1 } },
  ],
  "GET /v1/subscriptions/{id}/assignments": async (w) => [
    `GET /v1/subscriptions/${w.subscription}/assignments`,
  ],
  "POST /v1/subscriptions/{id}/assignments": async (w) => [
    `POST /v1/subscriptions/${(await subscribe(w.api, w.org)).subscription}/assignments`,
    { member: w.member },
  ],
  "DELETE /v1/subscriptions/{id}/assignments/{member}": async (w) => {
    const { subscription } = await subscribe(w.api, w.org);
    const path = `/v1/subscriptions/${subscription}/assignments`;
    await w.api.ok("POST", path, { key: w.org.ownerKey, body: { member: w.member } });
    return [`DELETE ${path}/${w.member}`];
  },
  "POST /v1/subscriptions/{id}/cancel": async (w) => [
    `POST /v1/subscriptions/${(await subscribe(w.api, w.org)).subscription}/cancel`,
  ],
  "POST /v1/subscriptions/{id}/resume": async (w) => {
    const { subscription } = await subscribe(w.api, w.org, { canceled: true });
    return [`POST /v1/subscriptions/${subscription}/resume`];
  },
  "GET /v1/invoices": async () => ["GET /v1/invoices"],
  "GET /v1/invoices/{id}": async (w) => [`GET /v1/invoices/${w.invoice}`],
  "GET /v1/invoices/{id}/html": async (w) => [`GET /v1/invoices/${w.invoice}/html`],
  "POST /v1/invoices/{id}/pay": async (w) => [
    `POST /v1/invoices/${await finalizedInvoice(w.api, w.org)}/pay`,
  ],
  "POST /v1/invoices/{id}/void": async (w) => [
    `POST /v1/invoices/${await finalizedInvoice(w.api, w.org)}/void`,
  ],
  "GET /v1/test-clocks": async () => ["GET /v1/test-clocks"],
  "GET /v1/test-clocks/{id}": async (w) => [`GET /v1/test-clocks/${w.clock}`],
  "POST /v1/test-clocks": async () => ["POST /v1/test-clocks"],
  "POST /v1/test-clocks/{id}/advance": async (w) => {
    // To where it is: allowed, and nothing changes (once the owner's own call has renewed what
    // the harness's clock made due).
    const key = w.org.ownerKey;
    const clock = await w.api.ok("GET", `/v1/test-clocks/${w.clock}`, { key });
    const body = { to: at(clock, "time") };
    await w.api.ok("POST", `/v1/test-clocks/${w.clock}/advance`, { key, body });
    return [`POST /v1/test-clocks/${w.clock}/advance`, body];
  },
  "GET /v1/events": async () => ["GET /v1/events"],
  "GET /v1/events/{id}": async (w) => [`GET /v1/events/${await testEvent(w)}`],
  "POST /v1/events/{id}/replay": async (w) => [`POST /v1/events/${await testEvent(w)}/replay`],
  "GET /v1/webhook-endpoints": async () => ["GET /v1/webhook-endpoints"],
  "GET /v1/webhook-endpoints/{id}": async (w) => [
    `GET /v1/webhook-endpoints/${await webhookEndpoint(w)}`,
  ],
  "GET /v1/webhook-endpoints/{id}/deliveries": async (w) => [
    `GET /v1/webhook-endpoints/${await webhookEndpoint(w)}/deliveries`,
  ],
  "POST /v1/webhook-endpoints": async (w) => {
    // Room for the one this call may make: the endpoints made here are removed first.
    const key = w.org.ownerKey;
    const listed = await w.api.ok("GET", "/v1/webhook-endpoints?limit=100", { key });
    for (const endpoint of (listed as { data: { id: string }[] }).data)
      if (endpoint.id !== endpoints.get(w))
        await w.api.ok("DELETE", `/v1/webhook-endpoints/${endpoint.id}`, { key });
    return ["POST /v1/webhook-endpoints", { url: "https://example.com/hooks" }];
  },
  "PATCH /v1/webhook-endpoints/{id}": async (w) => [
    `PATCH /v1/webhook-endpoints/${await webhookEndpoint(w)}`,
    { enabled: false },
  ],
  "DELETE /v1/webhook-endpoints/{id}": async (w) => [
    `DELETE /v1/webhook-endpoints/${await webhookEndpoint(w, true)}`,
  ],
  "POST /v1/webhook-endpoints/{id}/rotate-secret": async (w) => [
    `POST /v1/webhook-endpoints/${await webhookEndpoint(w)}/rotate-secret`,
  ],
  "POST /v1/webhook-endpoints/{id}/test": async (w) => [
    `POST /v1/webhook-endpoints/${await webhookEndpoint(w)}/test`,
  ],
  "POST /v1/webhook-deliveries/{id}/retry": async (w) => {
    const endpoint = await webhookEndpoint(w);
    const key = w.org.ownerKey;
    await w.api.ok("POST", `/v1/webhook-endpoints/${endpoint}/test`, { key });
    const log = await w.api.ok("GET", `/v1/webhook-endpoints/${endpoint}/deliveries`, { key });
    return [`POST /v1/webhook-deliveries/${text(log, "data.0.id")}/retry`];
  },
  "GET /v1/reports/revenue": async () => [
    "GET /v1/reports/revenue?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
  ],
  "GET /v1/reports/usage": async () => [
    "GET /v1/reports/usage?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&interval=month",
  ],
  "GET /v1/reports/top-consumers": async () => [
    "GET /v1/reports/top-consumers?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
  ],
  "GET /v1/reports/chargeback": async () => [
    "GET /v1/reports/chargeback?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
  ],
  "GET /v1/reports/margin": async () => [
    "GET /v1/reports/margin?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
  ],
  "GET /v1/reports/forecast": async () => ["GET /v1/reports/forecast"],
  "GET /v1/reports/buyers-math": async () => [
    "GET /v1/reports/buyers-math?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
  ],
  "GET /v1/reports/pooling": async () => [
    "GET /v1/reports/pooling?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z",
  ],
  "GET /v1/alert-rules": async () => ["GET /v1/alert-rules"],
  "GET /v1/alert-rules/{id}": async (w) => [`GET /v1/alert-rules/${await alertRule(w)}`],
  "POST /v1/alert-rules": async (w) => [
    "POST /v1/alert-rules",
    { pool: w.home, metric: "limit", thresholds: [80] },
  ],
  "PATCH /v1/alert-rules/{id}": async (w) => [
    `PATCH /v1/alert-rules/${await alertRule(w)}`,
    { enabled: false },
  ],
  "DELETE /v1/alert-rules/{id}": async (w) => [`DELETE /v1/alert-rules/${await alertRule(w)}`],
  "GET /v1/alerts": async () => ["GET /v1/alerts"],
  "GET /v1/alerts/{id}": async (w) => [`GET /v1/alerts/${await raisedAlert(w.api, w.org, w.home)}`],
  "POST /v1/alerts/{id}/acknowledge": async (w) => [
    `POST /v1/alerts/${await raisedAlert(w.api, w.org, w.home)}/acknowledge`,
  ],
  "POST /v1/alerts/{id}/resolve": async (w) => [
    `POST /v1/alerts/${await raisedAlert(w.api, w.org, w.home)}/resolve`,
  ],
  "GET /v1/upstreams": async () => ["GET /v1/upstreams"],
  "GET /v1/upstreams/{id}": async (w) => [`GET /v1/upstreams/${await upstream(w)}`],
  "POST /v1/upstreams": async () => ["POST /v1/upstreams", upstreamBody],
  "PATCH /v1/upstreams/{id}": async (w) => [
    `PATCH /v1/upstreams/${await upstream(w)}`,
    { enabled: false },
  ],
  "DELETE /v1/upstreams/{id}": async (w) => [`DELETE /v1/upstreams/${await upstream(w)}`],
  "GET /v1/routing-policies": async () => ["GET /v1/routing-policies"],
  "GET /v1/routing-policies/{id}": async (w) => [
    `GET /v1/routing-policies/${await routingPolicy(w)}`,
  ],
  "POST /v1/routing-policies": async (w) => [
    "POST /v1/routing-policies",
    { pool: await w.api.pool(w.org, w.home), tiers: routingTiers },
  ],
  "PATCH /v1/routing-policies/{id}": async (w) => [
    `PATCH /v1/routing-policies/${await routingPolicy(w)}`,
    { route_all: true },
  ],
  "DELETE /v1/routing-policies/{id}": async (w) => [
    `DELETE /v1/routing-policies/${await routingPolicy(w)}`,
  ],
};

const upstreamBody = { provider: "openai", name: "pool seat", api_key: "sk-test-0123456789" };

/** An upstream account made with the owner key; answers its id. */
async function upstream(w: World): Promise<string> {
  const made = await w.api.ok("POST", "/v1/upstreams", { key: w.org.ownerKey, body: upstreamBody });
  return text(made, "id");
}

const routingTiers = { light: ["gpt-5-nano"], standard: ["gpt-5-mini"], heavy: ["gpt-5"] };

/**
 * A routing policy on a new pool under the keys' home (a bound key manages the pools below its
 * own), made with the owner key; answers its id.
 */
async function routingPolicy(w: World): Promise<string> {
  const made = await w.api.ok("POST", "/v1/routing-policies", {
    key: w.org.ownerKey,
    body: { pool: await w.api.pool(w.org, w.home), tiers: routingTiers },
  });
  return text(made, "id");
}

/** A forecast rule on the keys' home pool, made with the owner key; answers its id. */
async function alertRule(w: World): Promise<string> {
  const made = await w.api.ok("POST", "/v1/alert-rules", {
    key: w.org.ownerKey,
    body: { pool: w.home, metric: "forecast" },
  });
  return text(made, "id");
}

/** Routes of an organization the operator's key may use too: default rate cards, the catalog. */
const operatorRoutes: Record<string, string> = {
  "POST /v1/rate-cards": "publishes the default rate cards",
  "POST /v1/plans": "publishes a plan of the catalog",
  "GET /v1/plans": "lists the catalog",
  "GET /v1/plans/{id}": "reads a plan of the catalog",
  "POST /v1/test-clocks/{id}/advance": "advances any organization's test clock",
};
async function call(w: World, key: string, [spec, body]: [string, unknown?]): Promise<Answer> {
  const [method = "", path = ""] = spec.split(" ");
  return w.api.call(method as Method, path, { key, body });
}

/** A refused answer for an allowed call (a refused hold or usage event) is not a success. */
function succeeded(answer: Answer): boolean {
  return (
    answer.status >= 200 &&
    answer.status < 300 &&
    at(answer.body, "allowed") !== false &&
    at(answer.body, "data.0.status") !== "refused"
  );
}

/** A hold above the approval gate of the keys' home pool (500), asked by the owner. */
async function approvalRequest(w: World): Promise<string> {
  const refused = await w.api.ok("POST", "/v1/holds", {
    key: w.org.ownerKey,
    body: { pool: w.home, amount: "600" },
  });
  return text(refused, "decision_id");
}

/** A hold far past what the organization has, refused: its decision record's id. */
async function refusedDecision(api: ApiHarness, org: OrganizationFixture, pool: string) {
  const refused = await api.ok("POST", "/v1/holds", {
    key: org.ownerKey,
    body: { pool, amount: "1000000" },
  });
  return text(refused, "decision_id");
}

/** Holds above 500 at `home` wait for an approver. */
async function gated(api: ApiHarness, org: OrganizationFixture, home: string) {
  await api.ok("PATCH", `/v1/pools/${home}`, {
    key: org.ownerKey,
    body: { approval_above: "500" },
  });
  return {};
}

/** The world for keys of the whole organization, or for keys bound to a team pool. */
async function world(bound: boolean): Promise<World> {
  const api = await apiHarness();
  const org = await api.newOrganization("Acme");
  // A test clock while the ledger is empty: its routes are called like every other.
  const clock = text(await api.ok("POST", "/v1/test-clocks", { key: org.ownerKey }), "id");
  await api.grant(org, org.rootPoolId, "1000");
  const home = bound ? await api.pool(org, org.rootPoolId) : org.rootPoolId;
  const boundTo = bound ? home : undefined;
  const adminPool = boundTo ?? (await api.pool(org, org.rootPoolId));
  const keys = new Map<Role, string>();
  for (const role of roles) {
    const pool = role === "pool_admin" ? adminPool : boundTo;
    keys.set(role, await api.keyFor(org, role, pool === undefined ? {} : { pool }));
  }
  const member = await api.ok("POST", "/v1/members", {
    key: org.ownerKey,
    body: { name: "M", pool: boundTo ?? null },
  });
  await publishOperatorPlans(api);
  const { subscription, invoice } = await subscribe(api, org, { parent: home });
  return {
    api,
    org,
    home,
    boundTo,
    grant: await api.grant(org, home, "10"),
    hold: await api.hold(org, home, "1"),
    decision: await refusedDecision(api, org, home),
    ...(await gated(api, org, home)),
    member: text(member, "id"),
    subscription,
    invoice,
    clock,
    keys,
    adminPool,
  };
}

for (const bound of [false, true]) {
  const keys = bound ? "keys bound to a pool" : "keys of the whole organization";
  describe(`every cell of roles.md holds over HTTP, for ${keys}`, () => {
    let w: World;
    before(async () => {
      w = await world(bound);
    });
    after(() => w.api.close());

    const { rows } = permissionTable();
    // A pool_admin key is always bound to a pool: its cells are walked with the bound keys.
    for (const role of roles.filter((each) => bound || each !== "pool_admin")) {
      for (const row of rows) {
        const permission = row.permission as (typeof permissions)[number];
        const allowed = row.allowed.get(role) === true && (!bound || boundKeyMay(permission));
        const outcome = allowed ? "yes: every route answers 2xx" : "no: 403, nothing written";
        it(`${role} × ${row.permission}, ${outcome}`, async () => {
          const key = w.keys.get(role) ?? "";
          for (const route of row.routes) {
            const prepare = calls[route];
            assert.ok(prepare !== undefined, `the test knows how to call ${route}`);
            const request = await prepare(w);
            const before = await w.api.snapshot(w.org);
            const answer = await call(w, key, request);
            if (allowed) {
              assert.ok(
                succeeded(answer),
                `${route}: ${answer.status} ${JSON.stringify(answer.body)}`,
              );
            } else {
              expectError(answer, 403, "permission_denied");
              assert.equal(await w.api.snapshot(w.org), before, route);
            }
          }
        });
      }
    }
  });
}

describe("which keys each role may make, and the operator's reach", () => {
  let w: World;
  before(async () => {
    w = await world(false);
  });
  after(() => w.api.close());

  const grants = grantTable();
  for (const role of roles) {
    for (const target of roles) {
      const allowed = grants.get(role)?.includes(target) === true;
      it(`${role} ${allowed ? "may" : "may not"} create ${target} keys`, async () => {
        const pool = target === "pool_admin" ? { pool: w.adminPool } : {};
        const body = { name: `${target} by ${role}`, role: target, ...pool };
        const before = await w.api.snapshot(w.org);
        const answer = await call(w, w.keys.get(role) ?? "", ["POST /v1/keys", body]);
        if (allowed) {
          assert.equal(answer.status, 201, JSON.stringify(answer.body));
          assert.equal(at(answer.body, "role"), target);
        } else {
          expectError(answer, 403, "permission_denied");
          assert.equal(await w.api.snapshot(w.org), before);
        }
      });
    }
  }

  it("a pool_admin key of the whole organization is refused: 400 on pool, nothing written", async () => {
    const before = await w.api.snapshot(w.org);
    const body = { name: "everywhere", role: "pool_admin" };
    const answer = await call(w, w.org.ownerKey, ["POST /v1/keys", body]);
    expectError(answer, 400, "invalid_request", "pool");
    const member = { name: "Everywhere", role: "pool_admin" };
    const added = await call(w, w.org.ownerKey, ["POST /v1/members", member]);
    expectError(added, 400, "invalid_request", "pool");
    assert.equal(await w.api.snapshot(w.org), before);
  });

  // The operator publishes default rate cards and the plans of the catalog, and advances test
  // clocks; every other route belongs to an organization.
  for (const route of Object.keys(calls).filter((each) => !(each in operatorRoutes))) {
    it(`the operator key may not use ${route}: 403, nothing written`, async () => {
      const request = (await calls[route]?.(w)) ?? [route];
      const before = await w.api.snapshot(w.org);
      const answer = await call(w, w.api.operatorKey, request);
      expectError(answer, 403, "permission_denied");
      assert.equal(await w.api.snapshot(w.org), before, route);
    });
  }

  for (const [route, what] of Object.entries(operatorRoutes)) {
    it(`the operator key ${what} (${route}): 2xx, nothing written in the organization`, async () => {
      const request = (await calls[route]?.(w)) ?? [route];
      const before = await w.api.snapshot(w.org);
      const answer = await call(w, w.api.operatorKey, request);
      assert.ok(succeeded(answer), `${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
      assert.equal(await w.api.snapshot(w.org), before, route);
    });
  }

  it("the operator's plans are the catalog: scope operator, none of an organization's own", async () => {
    await w.api.ok("POST", "/v1/plans", {
      key: w.org.ownerKey,
      body: { ...teamPlan, id: "acme-only", name: "Acme only" },
    });
    const listed = await w.api.ok("GET", "/v1/plans", { key: w.api.operatorKey });
    const data = at(listed, "data") as unknown[];
    assert.ok(data.length > 0, JSON.stringify(listed));
    assert.ok(
      data.every((plan) => at(plan, "scope") === "operator"),
      JSON.stringify(listed),
    );
    const own = await w.api.call("GET", "/v1/plans/acme-only", { key: w.api.operatorKey });
    expectError(own, 404, "plan_not_found", "id");
  });
});
