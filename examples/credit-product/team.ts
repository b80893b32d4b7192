/**
 * The Team customer of the credit-priced product: three seats pooled in the organization's pool,
 * a Sales pool under a soft limit that alerts, a Research pool under a hard limit with an
 * approval gate, a deep search quoted and approved before it runs, and the audit trail of who
 * changed what.
 */
import type { AuditRecord, CreditpoolClient, Invoice } from "@creditpool/sdk";
import {
  clientFor,
  type ExampleTarget,
  newOrganization,
  startOnNextFirstOfJanuary,
} from "../support/example.ts";
import {
  deepSearches,
  emails,
  enrichments,
  publishRateCard,
  recordWork,
  researchBriefs,
  team,
} from "./product.ts";

/** What the Team organization's January ends with; the test checks every figure. */
export interface TeamFigures {
  readonly seats: number;
  readonly includedAtStart: string;
  readonly sales: {
    readonly consumed: string;
    readonly softLimit: string;
    /** The thresholds (percent of the soft limit) whose alerts were raised, lowest first. */
    readonly alertsRaised: readonly string[];
  };
  readonly approval: {
    readonly quoted: string;
    readonly firstAnswer: string;
    readonly approvedBy: string;
    readonly captured: string;
  };
  readonly hardCap: {
    readonly code: string;
    readonly limit: string;
    readonly consumed: string;
    readonly requested: string;
  };
  readonly usedInJanuary: string;
  readonly leftInJanuary: string;
  readonly rolledOver: string;
  readonly rolloverLifetimeDays: number;
  readonly februaryAvailable: string;
  readonly invoice: { readonly lines: readonly string[]; readonly total: string };
  /** "who: action what", in the trail's order, the test clock's own moves left out. */
  readonly audit: readonly string[];
  readonly clockMovesAudited: number;
}

/** How long the example waits for the alert job (it evaluates every five seconds). */
const alertWaitMs = 15_000;

/** The figures, and January's invoice as it prints. */
export interface Team {
  readonly figures: TeamFigures;
  readonly invoice: Invoice;
}

export async function playTeam(target: ExampleTarget): Promise<Team> {
  const { owner, rootPool } = await newOrganization(target, "Team customer");
  const calendar = await startOnNextFirstOfJanuary(owner);
  await publishRateCard(owner);
  await owner.plans.publish(team);
  const subscription = await owner.subscriptions.start({ plan: "team", seats: 3 });
  const includedAtStart = (await owner.pools.get(rootPool)).available;

  // Two pools drawing on the team's one pool. Sales may pass its soft limit: it only alerts.
  const names = new Map<string, string>([
    [rootPool, "the team's pool"],
    [subscription.id, "Team subscription"],
    ["team", "plan team"],
  ]);
  const sales = await owner.pools.create({
    parent: rootPool,
    name: "Sales",
    limit: { amount: "3000", kind: "soft", period: "month" },
  });
  names.set(sales.id, "Sales");
  const rule = await owner.alertRules.create({
    pool: sales.id,
    metric: "limit",
    thresholds: [80, 100],
  });
  names.set(rule.id, "Sales at 80% and 100%");
  const ben = await person(owner, target, names, "Ben", "member", sales.id);

  // 1 to 15 January: Sales drafts and enriches, and comes close to its soft limit.
  await calendar.moveTo(14);
  await recordWork(ben.client, sales.id, "sales-jan-1", [
    emails("long", 200),
    emails("medium", 300),
    enrichments(290),
  ]);
  // 16 January: a deep search for a key account takes Sales past its soft limit: admitted.
  await calendar.moveTo(15);
  await runQuoted(ben.client, sales.id);
  const salesView = await owner.pools.get(sales.id);

  // Research gets a hard limit and an approval gate from Ana, the team's admin.
  const research = await owner.pools.create({ parent: rootPool, name: "Research" });
  names.set(research.id, "Research");
  const ana = await person(owner, target, names, "Ana", "admin", null);
  const chloe = await person(owner, target, names, "Chloe", "member", research.id);
  await ana.client.pools.update(research.id, {
    limit: { amount: "400", kind: "hard", period: "month" },
    approval_above: "20",
  });

  // Research writes briefs, then asks for a deep search: above the gate, it waits for Ana.
  await recordWork(chloe.client, research.id, "research-jan-1", [researchBriefs(45)]);
  await calendar.moveTo(19);
  const quote = await chloe.client.quotes.create({ usage: deepSearches(1) });
  const asked = await chloe.client.holds.create({ pool: research.id, quote: quote.id });
  if (asked.allowed) throw new Error("the deep search passed the approval gate");
  const pending = await ana.client.approvals.list({ status: "pending" });
  const request = pending.data.find((approval) => approval.id === asked.decision_id);
  if (request === undefined) throw new Error("no approval request for the deep search");
  names.set(request.id, "Chloe's deep search");
  const approved = await ana.client.approvals.approve(request.id, { note: "key account" });
  const held = await chloe.client.holds.create({
    pool: research.id,
    quote: quote.id,
    approval: approved.id,
  });
  if (!held.allowed) throw new Error(`the approved deep search was refused: ${held.code}`);
  const captured = await chloe.client.holds.capture(held.hold.id, { usage: deepSearches(1) });

  // 21 January: a second deep search would take Research past its hard limit: refused.
  await calendar.moveTo(20);
  const refused = await chloe.client.holds.create({ pool: research.id, usage: deepSearches(1) });
  if (refused.allowed || refused.decision_id === undefined) {
    throw new Error("the second deep search passed the hard limit");
  }
  const decision = await owner.decisions.get(refused.decision_id);
  const hardCap = hardCapFrom(decision.evidence, research.id, refused.code);

  const alertsRaised = await raisedAlerts(owner, sales.id);
  const { available: leftInJanuary, consumed_this_period: usedInJanuary } =
    await owner.pools.get(rootPool);

  // 1 February: January's invoice is final; what was left of its credits rolls over.
  await calendar.moveTo(0, 0, 1);
  const grants = await owner.grants.list({ pool: rootPool });
  const rollover = grants.data.find((grant) => grant.source === "rollover");
  if (rollover === undefined || rollover.expires_at === null) throw new Error("no rollover");
  const invoices = await owner.invoices.list({ subscription: subscription.id });
  const january = invoices.data.find((invoice) => invoice.status === "finalized");
  if (january === undefined) throw new Error("January's invoice is not finalized");
  const trail = await owner.auditRecords.list({ limit: 100 });
  const moves = trail.data.filter((record) => record.action.startsWith("test_clock."));

  const figures: TeamFigures = {
    seats: subscription.seats,
    includedAtStart,
    sales: {
      consumed: salesView.consumed_this_period,
      softLimit: salesView.limit?.amount ?? "none",
      alertsRaised,
    },
    approval: {
      quoted: quote.amount,
      firstAnswer: asked.code,
      approvedBy: names.get(approved.decided_by ?? "") ?? "someone else",
      captured: captured.captured ?? "",
    },
    hardCap,
    usedInJanuary,
    leftInJanuary,
    rolledOver: rollover.amount,
    rolloverLifetimeDays: daysBetween(calendar.at(1, 1), rollover.expires_at),
    februaryAvailable: (await owner.pools.get(rootPool)).available,
    invoice: {
      lines: january.lines.map((line) => `${line.kind} ${line.quantity} ${line.amount}`),
      total: january.total,
    },
    audit: trail.data
      .filter((record) => !record.action.startsWith("test_clock."))
      .map((record) => describe(record, names)),
    clockMovesAudited: moves.length,
  };
  return { figures, invoice: january };
}

interface Person {
  readonly client: CreditpoolClient;
}

/** A member of the team with a key of `role`, bound to `pool` when given. */
async function person(
  owner: CreditpoolClient,
  target: ExampleTarget,
  names: Map<string, string>,
  name: string,
  role: "admin" | "member",
  pool: string | null,
): Promise<Person> {
  const member = await owner.members.create({ name, role });
  const key = await owner.keys.create({ name, role, pool, member: member.id });
  names.set(member.id, name).set(key.id, `${name} (${role})`);
  return { client: clientFor(target, key.secret ?? "") };
}

/** A deep search run as the product runs an expensive action: quoted, held, then captured. */
async function runQuoted(client: CreditpoolClient, pool: string): Promise<void> {
  const quote = await client.quotes.create({ usage: deepSearches(1) });
  const held = await client.holds.create({ pool, quote: quote.id });
  if (!held.allowed) throw new Error(`the deep search was refused: ${held.code}`);
  await client.holds.capture(held.hold.id, { usage: deepSearches(1) });
}

/** The refusing pool's figures, as the decision record kept them. */
function hardCapFrom(evidence: Record<string, unknown>, pool: string, code: string) {
  const path = evidence.path as ReadonlyArray<Record<string, unknown>>;
  const at = path.find((entry) => entry.pool === pool);
  const limit = at?.limit as { amount: string } | null | undefined;
  return {
    code,
    limit: limit?.amount ?? "none",
    consumed: String(at?.consumed_this_period),
    requested: String(evidence.requested),
  };
}

/**
 * Waits for the alert job to raise the Sales pool's alerts (both thresholds were crossed), and
 * answers the thresholds raised by then: an honest "none yet" when the job has not come round.
 */
async function raisedAlerts(owner: CreditpoolClient, pool: string): Promise<string[]> {
  const deadline = Date.now() + alertWaitMs;
  for (;;) {
    const alerts = await owner.alerts.list({ pool });
    const thresholds = alerts.data
      .map((alert) => alert.threshold ?? "")
      .sort((a, b) => Number(a) - Number(b));
    if (thresholds.length >= 2 || Date.now() > deadline) return thresholds;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function describe(record: AuditRecord, names: ReadonlyMap<string, string>): string {
  const who =
    record.actor.type === "key"
      ? (names.get(record.actor.id) ?? `${record.actor.role} key`)
      : record.actor.type;
  const what = names.get(record.target.id) ?? record.target.type.replaceAll("_", " ");
  const changed = record.action === "pool.updated" ? `: ${changes(record)}` : "";
  return `${who}: ${record.action} ${what}${changed}`;
}

/** What a pool view shows as figures, not settings: they follow from the ledger. */
const figures = new Set(["available", "held", "consumed_this_period", "granted", "debt"]);

/** The settings of a pool an update changed (a value, or a limit), as `field before -> after`. */
function changes(record: AuditRecord): string {
  const before = (record.before ?? {}) as Record<string, unknown>;
  const after = (record.after ?? {}) as Record<string, unknown>;
  return Object.keys(after)
    .filter((field) => !figures.has(field))
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => `${field} ${brief(before[field])} -> ${brief(after[field])}`)
    .join(", ");
}

function brief(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value !== "object") return String(value);
  const { amount, kind, period } = value as Record<string, unknown>;
  return `${amount} ${kind} a ${period}`;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
