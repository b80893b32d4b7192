/** What `creditpool demo` tells the user: what was generated, and the keys to try it with. */
import type { DemoKey } from "./demo-organization.ts";
import { demoPlanId } from "./funding.ts";
import type { DemoResult } from "./result.ts";

const count = (value: number) => value.toLocaleString("en-US");
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

export function describeDemo(result: DemoResult, seconds: number): string[] {
  const { spec, activity: a } = result;
  const pools = 1 + spec.departments.reduce((sum, d) => sum + 1 + d.teams.length, 0);
  const grants = [...result.grants].map(([source, n]) => `${source} ${n}`).join(", ");
  const refused = [...a.refused].map(([code, n]) => `${code} ${count(n)}`).join(", ");
  const expired = a.abandoned;
  const held = a.allowed - a.captured - a.released - a.abandoned - a.capturedLate;
  const window = `${day(result.start)} to ${day(result.end)}`;
  const refusals = `${count(a.holds - a.allowed)} refused${refused === "" ? "" : ` (${refused})`}`;
  return [
    `  ${result.name}: ${window} simulated in ${seconds.toFixed(1)} s`,
    `  ${pools} pools, ${spec.actors.length} members, ${result.keys.length} keys; ` +
      `grants: ${grants} (one purchase voided), ${result.topUps} automatic top-up(s)`,
    `  on the plan ${demoPlanId}: ${result.renewals} month(s) renewed and invoiced, ` +
      `a draft invoice for this one`,
    `  ${count(a.holds)} holds: ${count(a.allowed)} allowed, ${refusals}; ` +
      `${a.limitRaises} hard limit(s) raised after refusals`,
    `  settled: ${count(a.captured)} captured (${count(a.capturedAbove)} above the hold), ` +
      `${count(a.released)} released, ${count(expired)} left to expire, ` +
      `${count(a.capturedLate)} captured after their TTL, ${count(held)} still held`,
    `  ${count(a.usageEvents)} usage records without a hold`,
    revenueLine(result),
    `  ${count(result.alerts)} alert(s) open: Tier 1's limit and the wallet's forecast are ` +
      "watched (GET /v1/alerts)",
    `  governance: Support reserves 2,000 credits a month, each Platform engineer may draw ` +
      `6,000; ${count(result.governance.decisions)} refusal(s) kept with why ` +
      `(GET /v1/decisions), ${count(result.governance.auditRecords)} audit record(s) ` +
      `(GET /v1/audit-records), ${result.governance.webhookEndpoints} webhook endpoint(s)`,
  ];
}

/**
 * Money at cost basis (10^-12 units, never negative here) to two decimals, rounded: the demo's
 * plan bills in dollars.
 */
function money(picos: bigint, currency: string | null): string {
  const cents = (picos + 5n * 10n ** 9n) / 10n ** 10n;
  const whole = (cents / 100n).toLocaleString("en-US");
  const amount = `${whole}.${(cents % 100n).toString().padStart(2, "0")}`;
  return currency === "USD" ? `$${amount}` : `${amount} ${currency ?? ""}`.trim();
}

function revenueLine({ revenue }: DemoResult): string {
  const { organization: o } = revenue;
  const dollars = (picos: bigint) => money(picos, revenue.currency);
  return (
    `  revenue over the weeks: ${dollars(o.purchased.money)} bought, ` +
    `${dollars(o.recognized.money)} recognized, ${dollars(o.breakage.money)} breakage, ` +
    `${dollars(o.deferredClosing.money)} deferred (GET /v1/reports/revenue)`
  );
}

/** The owner and admin keys, and one key of each other role, with a first request to try. */
export function keyLines(result: DemoResult, url: string): string[] {
  const shown: DemoKey[] = [];
  for (const key of result.keys) {
    if (!shown.some((other) => other.role === key.role)) shown.push(key);
  }
  const lines = ["  keys (shown only now; each is stored hashed):"];
  for (const key of shown) {
    const scope = key.pool === null ? "organization" : `pool ${key.pool}`;
    lines.push(`    ${`${key.role} key:`.padEnd(13)} ${key.secret}  ${key.name}, ${scope}`);
  }
  const others = result.keys.length - shown.length;
  if (others > 0) lines.push(`    and ${others} more member and agent keys, not shown`);
  const admin = shown.find((key) => key.role === "admin");
  if (admin !== undefined) {
    lines.push(`  console: open ${url}/ and sign in with the admin key ${admin.secret}`);
    lines.push(`  try: curl -s -H "Authorization: Bearer ${admin.secret}" ${url}/v1/pools`);
  }
  return lines;
}
