/**
 * Seats in two tiers feeding one pool (Claude for Teams style): a standard seat brings 1,000
 * credits a month, a premium seat 5,000; Engineering, Sales and Support draw from the
 * organization's pool, so a department may use more than its seats brought until the pool, or a
 * department's own hard limit, runs out.
 *
 * A plan has one seat price, so a premium seat is a plan seat plus the plan's `premium-seat` pack
 * (the 4,000 credits and $120.00 a premium seat adds), bought each month and set to expire with
 * the month. The README says what this leaves to the organization.
 *
 *   npx tsx examples/tiered-seats/run.ts
 */
import type { CreditpoolClient } from "@creditpool/sdk";
import {
  clientFor,
  type ExampleTarget,
  money,
  newOrganization,
  type Output,
  printTable,
  credits as readable,
  runIfMain,
  startOnNextFirstOfJanuary,
} from "../support/example.ts";

/** What the scenario ends with; the test checks every figure. */
export interface TieredSeatsFigures {
  readonly includedAtStart: string;
  readonly consumedBy: Readonly<Record<string, { credits: string; money: string }>>;
  readonly refusals: readonly {
    readonly department: string;
    readonly code: string;
    readonly needed: string;
  }[];
  readonly leftAtRefusal: string;
  readonly januaryInvoice: { readonly lines: readonly string[]; readonly total: string };
  readonly februaryFromSeats: string;
  readonly februaryWithPremium: string;
}

interface Department {
  readonly name: string;
  readonly standard: number;
  readonly premium: number;
  /** A hard limit a month, or none: the department may draw whatever the pool has. */
  readonly limit: string | null;
}

const departments: readonly Department[] = [
  { name: "Engineering", standard: 3, premium: 3, limit: null },
  { name: "Sales", standard: 4, premium: 0, limit: null },
  { name: "Support", standard: 3, premium: 0, limit: "4500" },
];
const standardCredits = 1_000;
const premiumCredits = 5_000;

/** A turn of `input` and `output` tokens on the assistant's model. */
const turn = (input: number, output: number) => ({
  quantities: { input_tokens: input, output_tokens: output },
  dimensions: { model: "assistant" },
});
/** Every turn is held at the largest reply it may have. */
const largestOutput = 65_536;

export async function play(target: ExampleTarget, out: Output): Promise<TieredSeatsFigures> {
  const { owner, rootPool } = await newOrganization(target, "Contoso");
  const calendar = await startOnNextFirstOfJanuary(owner);

  // The plan: $30 a seat a month, 1,000 credits a seat; the premium uplift is a pack of 4,000
  // credits for $120, so a premium seat costs $150 and brings 5,000. Nothing rolls over.
  await owner.plans.publish({
    id: "claude-team",
    name: "Team",
    currency: "USD",
    interval: "month",
    seat_price: "3000",
    credits_per_seat: String(standardCredits),
    rollover: null,
    top_ups: [
      { id: "premium-seat", credits: String(premiumCredits - standardCredits), price: "12000" },
    ],
  });
  await owner.rateCards.create({
    prices: [
      { meter: "input_tokens", dimensions: { model: "assistant" }, credits_per_unit: "0.0005" },
      { meter: "output_tokens", dimensions: { model: "assistant" }, credits_per_unit: "0.002" },
    ],
  });
  const seats = departments.reduce((sum, d) => sum + d.standard + d.premium, 0);
  const premiumSeats = departments.reduce((sum, d) => sum + d.premium, 0);
  const subscription = await owner.subscriptions.start({ plan: "claude-team", seats });
  await buyPremiumSeats(owner, subscription.id, premiumSeats, calendar.at(1, 1));
  const includedAtStart = (await owner.pools.get(rootPool)).available;

  // One child pool a department, drawing from the organization's pool; a key for each.
  const keys = new Map<string, DepartmentKey>();
  for (const department of departments) {
    keys.set(department.name, await departmentKey(owner, target, rootPool, department));
  }
  const key = (name: string): DepartmentKey => {
    const found = keys.get(name);
    if (found === undefined) throw new Error(`no department ${name}`);
    return found;
  };

  // January. Sales runs long research threads, more than its four seats bring; Support works
  // until its own limit stops it; Engineering's agents then run until the pool is empty.
  await calendar.moveTo(4);
  const sales = await runUntilRefused(key("Sales"), turn(400_000, 100_000), 15);
  if (sales !== undefined) throw new Error(`Sales was refused: ${sales.code}`);
  await calendar.moveTo(9);
  const support = await runUntilRefused(key("Support"), turn(100_000, 50_000), 100);
  await calendar.moveTo(19);
  const engineering = await runUntilRefused(key("Engineering"), turn(400_000, 100_000), 100);
  if (support === undefined || engineering === undefined) throw new Error("nothing was refused");
  const leftAtRefusal = (await owner.pools.get(rootPool)).available;
  const refusals = [
    { department: "Support", code: support.code, needed: await held(owner, 100_000) },
    { department: "Engineering", code: engineering.code, needed: await held(owner, 400_000) },
  ];

  // 1 February: January's invoice is final; the seats renew, the premium packs are bought again.
  await calendar.moveTo(0, 0, 1);
  const invoices = await owner.invoices.list({ subscription: subscription.id });
  const january = invoices.data.find((invoice) => invoice.status === "finalized");
  if (january === undefined) throw new Error("January's invoice is not finalized");
  const februaryFromSeats = (await owner.pools.get(rootPool)).available;
  await buyPremiumSeats(owner, subscription.id, premiumSeats, calendar.at(2, 1));
  const februaryWithPremium = (await owner.pools.get(rootPool)).available;

  const chargeback = await owner.reports.chargeback({
    from: calendar.at(0, 1),
    to: calendar.at(1, 1),
  });
  const consumedBy: Record<string, { credits: string; money: string }> = {};
  for (const row of chargeback.departments) {
    consumedBy[row.name ?? row.pool] = { credits: row.credits, money: row.money };
  }

  printSummary(out, {
    seats,
    premiumSeats,
    includedAtStart,
    consumedBy,
    refusals,
    leftAtRefusal,
  });
  printTable(out, `Invoice for January (${january.status})`, [
    ...january.lines.map((line) => [line.description, money(line.amount, january.currency)]),
    ["total", money(january.total, january.currency)],
  ]);
  out.line(
    `1 Feb: the seats renew with ${readable(februaryFromSeats)} credits; ` +
      `with February's ${premiumSeats} premium packs the pool has ${readable(februaryWithPremium)}.`,
  );

  return {
    includedAtStart,
    consumedBy,
    refusals,
    leftAtRefusal,
    januaryInvoice: {
      lines: january.lines.map((line) => `${line.kind} ${line.quantity} ${line.amount}`),
      total: january.total,
    },
    februaryFromSeats,
    februaryWithPremium,
  };
}

/**
 * A premium seat's uplift for one month: the plan's `premium-seat` pack, whose credits would
 * never expire as a top-up, set to expire at the month's end like the seats' own credits.
 */
async function buyPremiumSeats(
  owner: CreditpoolClient,
  subscription: string,
  count: number,
  monthEnd: string,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    const bought = await owner.topUps.buy({ subscription, pack: "premium-seat" });
    await owner.grants.changeExpiry(bought.grant, { expires_at: monthEnd });
  }
}

interface DepartmentKey {
  readonly client: CreditpoolClient;
  readonly pool: string;
}

async function departmentKey(
  owner: CreditpoolClient,
  target: ExampleTarget,
  parent: string,
  department: Department,
): Promise<DepartmentKey> {
  const pool = await owner.pools.create({
    parent,
    name: department.name,
    limit:
      department.limit === null
        ? null
        : { amount: department.limit, kind: "hard", period: "month" },
  });
  const key = await owner.keys.create({ name: department.name, role: "agent", pool: pool.id });
  return { client: clientFor(target, key.secret ?? ""), pool: pool.id };
}

/** Turns held at their largest reply and captured at `usage`, at most `most`, until one is refused. */
async function runUntilRefused(
  department: DepartmentKey,
  usage: ReturnType<typeof turn>,
  most: number,
) {
  const hold = { ...usage, quantities: { ...usage.quantities, output_tokens: largestOutput } };
  for (let i = 0; i < most; i++) {
    const decision = await department.client.holds.create({ pool: department.pool, usage: hold });
    if (!decision.allowed) return decision;
    await department.client.holds.capture(decision.hold.id, { usage });
  }
  return undefined;
}

/** The credits a turn of `input` tokens is held at. */
async function held(owner: CreditpoolClient, input: number): Promise<string> {
  const { amount } = await owner.quotes.create({ usage: turn(input, largestOutput) });
  return amount;
}

function printSummary(
  out: Output,
  summary: {
    seats: number;
    premiumSeats: number;
    includedAtStart: string;
    consumedBy: Readonly<Record<string, { credits: string; money: string }>>;
    refusals: readonly { department: string; code: string; needed: string }[];
    leftAtRefusal: string;
  },
): void {
  const standardSeats = summary.seats - summary.premiumSeats;
  out.line("Tiered seats: plan claude-team, one pool for the organization");
  out.line("  standard seat: $30.00 a month, 1,000 credits");
  out.line("  premium seat:  $150.00 a month, 5,000 credits (a seat and the premium-seat pack)");
  out.line();
  printTable(out, "January: what the seats bring to the pool", [
    [`${standardSeats} standard seats`, readable(String(standardSeats * standardCredits))],
    [
      `${summary.premiumSeats} premium seats`,
      readable(String(summary.premiumSeats * premiumCredits)),
    ],
    ["the pool", readable(summary.includedAtStart)],
  ]);
  printTable(out, "Consumed in January, by department (chargeback)", [
    ["department", "seats", "seats bring", "consumed", "at cost"],
    ...departments.map((department) => {
      const consumed = summary.consumedBy[department.name] ?? { credits: "0", money: "0" };
      const brought = department.standard * standardCredits + department.premium * premiumCredits;
      return [
        department.name,
        seatsOf(department),
        readable(String(brought)),
        readable(consumed.credits),
        dollars(consumed.money),
      ];
    }),
  ]);
  out.line("Refused");
  for (const refusal of summary.refusals) {
    const consumed = summary.consumedBy[refusal.department]?.credits ?? "0";
    const limit = departments.find((each) => each.name === refusal.department)?.limit ?? null;
    const why =
      limit !== null
        ? `${refusal.department} has consumed ${readable(consumed)} of its limit of ${readable(limit)} a month`
        : `the pool has ${readable(summary.leftAtRefusal)}`;
    out.line(
      `  ${refusal.department}'s next turn: ${refusal.code}: it needs ${readable(refusal.needed)} credits held; ${why}`,
    );
  }
  out.line();
}

function seatsOf(department: Department): string {
  const parts = [`${department.standard} standard`];
  if (department.premium > 0) parts.unshift(`${department.premium} premium`);
  return parts.join(" + ");
}

/** A decimal amount of dollars, as the chargeback gives it, with its cents: "130.5" is "$130.50". */
function dollars(amount: string): string {
  const [whole = "0", fraction = ""] = amount.split(".");
  return `$${whole}.${fraction.padEnd(2, "0")}`;
}

runIfMain(import.meta.url, play);
