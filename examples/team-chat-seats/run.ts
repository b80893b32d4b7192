/**
 * A team chat assistant sold by the seat (ChatGPT Team style): each seat adds 1,000 credits a month
 * to one organization-wide pool, anyone may use any of it (no per-person quota), and a seat added
 * mid-month brings its prorated credits and a prorated line on the invoice.
 *
 *   npx tsx examples/team-chat-seats/run.ts
 */
import type { CreditpoolClient } from "@creditpool/sdk";
import {
  clientFor,
  consumedByMember,
  type ExampleTarget,
  finalizedInvoice,
  fromMicros,
  invoiceLines,
  micros,
  newOrganization,
  type Output,
  printInvoice,
  printTable,
  credits as readable,
  runIfMain,
  startOnNextFirstOfJanuary,
} from "../support/example.ts";

/** What the scenario ends with; the test checks every figure. */
export interface TeamChatFigures {
  readonly includedAtStart: string;
  readonly seatAddedCredits: string;
  readonly consumedBy: Readonly<Record<string, string>>;
  readonly refusal: {
    readonly member: string;
    readonly code: string;
    readonly available: string;
    readonly needed: string;
  };
  readonly januaryInvoice: { readonly lines: readonly string[]; readonly total: string };
  readonly februaryIncluded: string;
}

/** A chat turn of `input` and `output` tokens on the assistant's model. */
const turn = (input: number, output: number) => ({
  quantities: { input_tokens: input, output_tokens: output },
  dimensions: { model: "assistant" },
});

export async function play(target: ExampleTarget, out: Output): Promise<TeamChatFigures> {
  const { owner, rootPool } = await newOrganization(target, "Northwind");
  const calendar = await startOnNextFirstOfJanuary(owner);

  // The plan: $30 a seat a month, 1,000 credits a seat into the organization's pool; unused
  // credits expire with the month.
  await owner.plans.publish({
    id: "chat-team",
    name: "Chat Team",
    currency: "USD",
    interval: "month",
    seat_price: "3000",
    credits_per_seat: "1000",
    rollover: null,
  });
  // The rate card: a credit is worth $0.01; the assistant's tokens at list price plus margin.
  await owner.rateCards.create({
    prices: [
      { meter: "input_tokens", dimensions: { model: "assistant" }, credits_per_unit: "0.0005" },
      { meter: "output_tokens", dimensions: { model: "assistant" }, credits_per_unit: "0.002" },
    ],
  });
  const subscription = await owner.subscriptions.start({ plan: "chat-team", seats: 4 });

  // Four people, each with a key bound to them and to the one pool: no pool of their own.
  const people = ["Ana", "Ben", "Chloe", "Dev"];
  const keys = new Map<string, CreditpoolClient>();
  for (const name of [...people, "Eve"])
    keys.set(name, await personKey(owner, target, rootPool, name));
  const includedAtStart = (await owner.pools.get(rootPool)).available;

  // Two weeks of chat. Dev runs long research threads and uses more than a seat's 1,000 credits:
  // nobody's quota stops him, the pool is shared.
  const usage: ReadonlyArray<[string, number, number, number]> = [
    // person, turns, input tokens a turn, output tokens a turn
    ["Ana", 10, 8_000, 2_000],
    ["Ben", 5, 5_000, 2_000],
    ["Chloe", 10, 18_000, 4_800],
    ["Dev", 40, 40_000, 10_000],
  ];
  for (const [name, turns, input, output] of usage) {
    await chat(keys.get(name), turns, input, output);
  }

  // 16 January: Eve joins; a fifth seat brings 16/31 of a month's credits and price.
  await calendar.moveTo(15);
  const before = micros((await owner.pools.get(rootPool)).available);
  await owner.subscriptions.changeSeats(subscription.id, { seats: 5 });
  const after = micros((await owner.pools.get(rootPool)).available);
  const seatAddedCredits = fromMicros(after - before);

  // The second half of the month: Dev's agent runs until the pool cannot hold another run.
  await chat(keys.get("Eve"), 6, 10_000, 3_000);
  const refusal = await runUntilRefused(keys.get("Dev"));
  const { amount: needed } = await owner.quotes.create({ usage: turn(200_000, 65_536) });
  const available = (await owner.pools.get(rootPool)).available;

  // 1 February: the month renews; January's invoice is final, unused credits expired.
  await calendar.moveTo(0, 0, 1);
  const january = await finalizedInvoice(owner, subscription.id);
  const februaryIncluded = (await owner.pools.get(rootPool)).available;

  const consumedBy = await consumedByMember(owner, calendar.at(0, 1), calendar.at(1, 1));

  out.line(`Team chat with seats: plan chat-team ($30.00 a seat, 1,000 credits a seat a month)`);
  out.line("one pool for everyone (the organization's root pool), no per-person quota");
  out.line();
  printTable(out, "January", [
    ["1 Jan", "4 seats", `${readable(includedAtStart)} credits`],
    ["16 Jan", "5th seat (16/31 of a month)", `+${readable(seatAddedCredits)} credits`],
    ["16 Jan", "left after Dev's agent", `${readable(available)} credits`],
  ]);
  printTable(
    out,
    "Consumed in January, by person",
    Object.entries(consumedBy).map(([name, amount]) => [name, readable(amount)]),
  );
  out.line("Refused");
  out.line(
    `  Dev's next agent run: ${refusal.code}: it needs ${readable(needed)} credits held, the pool has ${readable(available)}`,
  );
  out.line();
  printInvoice(out, "Invoice for January", january);
  out.line(`1 Feb: the pool starts February with ${readable(februaryIncluded)} credits (5 seats).`);

  return {
    includedAtStart,
    seatAddedCredits,
    consumedBy,
    refusal: { member: "Dev", code: refusal.code, available, needed },
    januaryInvoice: {
      lines: invoiceLines(january),
      total: january.total,
    },
    februaryIncluded,
  };
}

async function personKey(
  owner: CreditpoolClient,
  target: ExampleTarget,
  pool: string,
  name: string,
): Promise<CreditpoolClient> {
  const member = await owner.members.create({ name });
  const key = await owner.keys.create({ name, role: "member", pool, member: member.id });
  return clientFor(target, key.secret ?? "");
}

/** `turns` chat turns: each held at its largest size before, captured at its actual usage after. */
async function chat(
  client: CreditpoolClient | undefined,
  turns: number,
  input: number,
  output: number,
): Promise<void> {
  if (client === undefined) throw new Error("no such person");
  const { root_pool: pool } = await client.organization.get();
  for (let i = 0; i < turns; i++) {
    const decision = await client.holds.create({ pool, usage: turn(input, 16_384) });
    if (!decision.allowed) throw new Error(`a turn was refused: ${decision.code}`);
    await client.holds.capture(decision.hold.id, { usage: turn(input, output) });
  }
}

/** An agent's long runs (200,000 tokens in, up to 65,536 out) until the pool cannot hold one. */
async function runUntilRefused(client: CreditpoolClient | undefined) {
  if (client === undefined) throw new Error("no such person");
  const { root_pool: pool } = await client.organization.get();
  for (let i = 0; i < 1_000; i++) {
    const decision = await client.holds.create({ pool, usage: turn(200_000, 65_536) });
    if (!decision.allowed) return decision;
    await client.holds.capture(decision.hold.id, { usage: turn(200_000, 40_000) });
  }
  throw new Error("the pool never ran out");
}

runIfMain(import.meta.url, play);
