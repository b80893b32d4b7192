/**
 * The Team customer of the credit-priced product: three seats pooled in the organization's pool,
 * a Sales pool under a soft limit that alerts, a Research pool under a hard limit with an
 * approval gate, a deep search quoted and approved before it runs, and the audit trail of who
 * changed what.
 */
import type { AuditRecord, CreditpoolClient, Invoice } from "@creditpool/sdk";
import {
  type Calendar,
  clientFor,
  type ExampleTarget,
  finalizedInvoice,
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
    readonly held: string;
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
  const names = new Map<string, string>([
    [rootPool, "the team's pool"],
    [subscription.id, "Team subscription"],
    ["team", "plan team"],
  ]);
  const organization = { owner, target, rootPool, calendar, names };

  const sales = await salesPastItsSoftLimit(organization);
  const research = await researchUnderItsHardLimit(organization);
  const alertsRaised = await raisedAlerts(owner, sales.pool);
  const { available: leftInJanuary, consumed_this_period: usedInJanuary } =
    await owner.pools.get(rootPool);

  // 1 February: January's invoice is final; what was left of its credits rolls over.
  await calendar.moveTo(0, 0, 1);
  const grants = await owner.grants.list({ pool: rootPool });
  const rollover = grants.data.find((grant) => grant.source === "rollover");
  if (rollover === undefined || rollover.expires_at === null) throw new Error("no rollover");
  const january = await finalizedInvoice(owner, subscription.id);
  const trail = await owner.auditRecords.list({ limit: 100 });
  const clockMoves = (record: AuditRecord) => record.action.startsWith("test_clock.");

  const figures: TeamFigures = {
    seats: subscription.seats,
    includedAtStart,
    sales: { consumed: sales.consumed, softLimit: sales.softLimit, alertsRaised },
    approval: research.approval,
    hardCap: research.hardCap,
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
      .filter((record) => !clockMoves(record))
      .map((record) => describe(record, names)),
    clockMovesAudited: trail.data.filter(clockMoves).length,
  };
  return { figures, invoice: january };
}

/** The Team organization as its owner runs it, and the names its ids print as. */
interface TeamOrganization {
  readonly owner: CreditpoolClient;
  readonly target: ExampleTarget;
  readonly rootPool: string;
  readonly calendar: Calendar;
  readonly names: Map<string, string>;
}

/**
 * A Sales pool under a soft limit of 3,000 a month with an alert rule at 80% and 100%, and
 * Ben's work in it from 1 to 16 January, which passes the limit: nothing is refused.
 */
async function salesPastItsSoftLimit({
  owner,
  target,
  rootPool,
  calendar,
  names,
}: TeamOrganization) {
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

  // 1 to 15 January: drafts and enrichments come close to the soft limit.
  await calendar.moveTo(14);
  await recordWork(ben, sales.id, "sales-jan-1", [
    emails("long", 200),
    emails("medium", 300),
    enrichments(290),
  ]);
  // 16 January: a deep search for a key account takes Sales past it, and is admitted.
  await calendar.moveTo(15);
  const quote = await ben.quotes.create({ usage: deepSearches(1) });
  const held = await ben.holds.create({ pool: sales.id, quote: quote.id });
  if (!held.allowed) throw new Error(`the deep search was refused: ${held.code}`);
  await ben.holds.capture(held.hold.id, { usage: deepSearches(1) });
  const view = await owner.pools.get(sales.id);
  return { pool: sales.id, consumed: view.consumed_this_period, softLimit: "3000" };
}

/**
 * A Research pool to which Ana, the team's admin, gives a hard limit of 400 a month and an
 * approval gate above 20 credits; Chloe's deep search quoted, approved and run; a second one
 * refused at the hard limit, with its decision record.
 */
async function researchUnderItsHardLimit({
  owner,
  target,
  rootPool,
  calendar,
  names,
}: TeamOrganization) {
  const research = await owner.pools.create({ parent: rootPool, name: "Research" });
  names.set(research.id, "Research");
  const ana = await person(owner, target, names, "Ana", "admin", null);
  const chloe = await person(owner, target, names, "Chloe", "member", research.id);
  await ana.pools.update(research.id, {
    limit: { amount: "400", kind: "hard", period: "month" },
    approval_above: "20",
  });
  await recordWork(chloe, research.id, "research-jan-1", [researchBriefs(45)]);

  // 20 January: the deep search's cost is shown first; above the gate, it waits for Ana.
  await calendar.moveTo(19);
  const quote = await chloe.quotes.create({ usage: deepSearches(1) });
  const asked = await chloe.holds.create({ pool: research.id, quote: quote.id });
  if (asked.allowed) throw new Error("the deep search passed the approval gate");
  const pending = await ana.approvals.list({ status: "pending" });
  const request = pending.data.find((approval) => approval.id === asked.decision_id);
  if (request === undefined) throw new Error("no approval request for the deep search");
  names.set(request.id, "Chloe's deep search");
  const approved = await ana.approvals.approve(request.id, { note: "key account" });
  const held = await chloe.holds.create({
    pool: research.id,
    quote: quote.id,
    approval: approved.id,
  });
  if (!held.allowed) throw new Error(`the approved deep search was refused: ${held.code}`);
  const captured = await chloe.holds.capture(held.hold.id, { usage: deepSearches(1) });

  // 21 January: a second deep search would take Research past its hard limit: refused.
  await calendar.moveTo(20);
  const refused = await chloe.holds.create({ pool: research.id, usage: deepSearches(1) });
  if (refused.allowed || refused.decision_id === undefined) {
    throw new Error("the second deep search passed the hard limit");
  }
  const decision = await owner.decisions.get(refused.decision_id);
  return {
    approval: {
      quoted: quote.amount,
      firstAnswer: asked.code,
      approvedBy: names.get(approved.decided_by ?? "") ?? "another key",
      captured: captured.captured ?? "none",
    },
    hardCap: hardCapFrom(decision.evidence, research.id, refused.code),
  };
}

/** A member of the team with a key of `role`, bound to `pool` when given: the key's client. */
async function person(
  owner: CreditpoolClient,
  target: ExampleTarget,
  names: Map<string, string>,
  name: string,
  role: "admin" | "member",
  pool: string | null,
): Promise<CreditpoolClient> {
  const member = await owner.members.create({ name, role });
  const key = await owner.keys.create({ name, role, pool, member: member.id });
  names.set(member.id, name).set(key.id, `${name} (${role})`);
  return clientFor(target, key.secret ?? "");
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
    held: String(at?.held),
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
