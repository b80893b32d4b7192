/**
 * Seats in two tiers feeding one pool (Claude for Teams style): a standard seat brings 1,000
 * credits a month, a premium seat 5,000; Engineering, Sales and Support draw from the
 * organization's pool, so a department may use more than its seats brought until the pool, or a
 * department's own hard limit, runs out.
 *
 * The premium seat is a tier of the plan (`seat_tiers`): one subscription holds 10 standard and
 * 3 premium seats, its invoice lists each kind, and its renewal brings both every month.
 *
 *   npx tsx examples/tiered-seats/run.ts
 */
import type { CreditpoolClient } from "@creditpool/sdk";
import {
  clientFor,
  type ExampleTarget,
  finalizedInvoice,
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

  // The plan: a standard seat $30 a month and 1,000 credits, a premium seat (a tier of the
  // same plan) $150 and 5,000. Nothing rolls over.
  await owner.plans.publish({
    id: "claude-team",
    name: "Team",
    currency: "USD",
    interval: "month",
    seat_price: "3000",
    credits_per_seat: String(standardCredits),
    seat_tiers: [
      {
        id: "premium",
        name: "Premium",
        seat_price: "15000",
        credits_per_seat: String(premiumCredits),
      },
    ],
    rollover: null,
  });
  await owner.rateCards.create({
    prices: [
      { meter: "input_tokens", dimensions: { model: "assistant" }, credits_per_unit: "0.0005" },
      { meter: "output_tokens", dimensions: { model: "assistant" }, credits_per_unit: "0.002" },
    ],
  });
  const standardSeats = departments.reduce((sum, d) => sum + d.standard, 0);
  const premiumSeats = departments.reduce((sum, d) => sum + d.premium, 0);
  const subscription = await owner.subscriptions.start({
    plan: "claude-team",
    seats: standardSeats,
    tier_seats: { premium: premiumSeats },
  });
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

  // 1 February: January's invoice is final; both kinds of seat renew.
  await calendar.moveTo(0, 0, 1);
  const january = await finalizedInvoice(owner, subscription.id);
  const februaryFromSeats = (await owner.pools.get(rootPool)).available;

  const chargeback = await owner.reports.chargeback({
    from: calendar.at(0, 1),
    to: calendar.at(1, 1),
  });
  const consumedBy: Record<string, { credits: string; money: string }> = {};
  for (const row of chargeback.departments) {
    consumedBy[row.name ?? row.pool] = { credits: row.credits, money: row.money };
  }

  printSummary(out, {
    standardSeats,
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
    `1 Feb: ${standardSeats} standard and ${premiumSeats} premium seats renew with ` +
      `${readable(februaryFromSeats)} credits.`,
  );

  return {
    includedAtStart,
    consumedBy,
    refusals,
    leftAtRefusal,
    januaryInvoice: {
      lines: january.lines.map((line) => `${line.description} (${line.tier}): ${line.amount}`),
      total: january.total,
    },
    februaryFromSeats,
  };
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
    standardSeats: number;
    premiumSeats: number;
    includedAtStart: string;
    consumedBy: Readonly<Record<string, { credits: string; money: string }>>;
    refusals: readonly { department: string; code: string; needed: string }[];
    leftAtRefusal: string;
  },
): void {
  const { standardSeats } = summary;
  out.line("Tiered seats: plan claude-team, one pool for the organization");
  out.line("  standard seat: $30.00 a month, 1,000 credits");
  out.line("  premium seat:  $150.00 a month, 5,000 credits (the plan's premium tier)");
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
