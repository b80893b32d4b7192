/**
 * Capacity pooled across eligible users (Google Workspace AI add-on style): the add-on is bought
 * for some of the organization's people; each licensed person brings a month's capacity to one
 * pool that all licensed people share, and the others cannot use it.
 *
 *   npx tsx examples/eligible-users/run.ts
 */
import { type CreditpoolClient, CreditpoolError } from "@creditpool/sdk";
import {
  clientFor,
  consumedByMember,
  type ExampleTarget,
  finalizedInvoice,
  invoiceLines,
  newOrganization,
  type Output,
  printInvoice,
  printTable,
  credits as readable,
  runIfMain,
  seatHolders,
  startOnNextFirstOfJanuary,
} from "../support/example.ts";

/** What the scenario ends with; the test checks every figure. */
export interface EligibleUsersFigures {
  readonly capacity: string;
  readonly eligible: { readonly january: readonly string[]; readonly from15th: readonly string[] };
  readonly consumedBy: Readonly<Record<string, string>>;
  readonly refused: readonly string[];
  readonly pooled: { readonly served: string; readonly blocked: string };
  readonly siloed: { readonly served: string; readonly blocked: string; readonly stranded: string };
  readonly januaryInvoice: { readonly lines: readonly string[]; readonly total: string };
}

/** A request to the assistant: `credits` held before, all of it used. */
const ASK = "50";

export async function play(target: ExampleTarget, out: Output): Promise<EligibleUsersFigures> {
  const { owner, rootPool } = await newOrganization(target, "Contoso");
  const calendar = await startOnNextFirstOfJanuary(owner);

  // The add-on: $20 a licensed user a month, each bringing 1,000 credits to the shared pool.
  await owner.plans.publish({
    id: "ai-add-on",
    name: "AI add-on",
    currency: "USD",
    interval: "month",
    seat_price: "2000",
    credits_per_seat: "1000",
    rollover: null,
  });
  const subscription = await owner.subscriptions.start({
    plan: "ai-add-on",
    seats: 4,
    seat_access: "assigned",
  });

  // Six people in the organization; the add-on is bought for four of them.
  const names = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay"];
  const people = new Map<string, Person>();
  for (const name of names) people.set(name, await person(owner, target, rootPool, name));
  const who = (name: string) => {
    const found = people.get(name);
    if (found === undefined) throw new Error(`no ${name}`);
    return found;
  };
  for (const name of ["Ana", "Ben", "Cy", "Dee"]) {
    await owner.subscriptions.assignSeat(subscription.id, { member: who(name).member });
  }
  const january = await seatHolders(owner, subscription.id, namesOf(people));
  const capacity = (await owner.pools.get(rootPool)).available;

  // The first half of January: Ana leans on the assistant all day; Dee never opens it.
  const refused: string[] = [];
  const asks: ReadonlyArray<[string, number]> = [
    ["Ana", 30],
    ["Ben", 18],
    ["Cy", 8],
  ];
  for (const [name, count] of asks) await use(who(name), count);
  // Eli has no licence: refused before anything is held.
  refused.push(`Eli (no licence): ${await refusal(who("Eli"))}`);

  // 15 January: Dee's unused licence moves to Eli, who needs one. The capacity stays four seats'.
  await calendar.moveTo(14);
  await owner.subscriptions.unassignSeat(subscription.id, who("Dee").member);
  await owner.subscriptions.assignSeat(subscription.id, { member: who("Eli").member });
  const from15th = await seatHolders(owner, subscription.id, namesOf(people));
  refused.push(`Dee (licence moved to Eli): ${await refusal(who("Dee"))}`);
  refused.push(`Fay (no licence): ${await refusal(who("Fay"))}`);
  await use(who("Eli"), 6);
  await use(who("Ana"), 12);

  // What one shared pool did, against a quota of 1,000 for each of the four licences.
  const pooling = await owner.reports.pooling({
    from: calendar.at(0, 1),
    to: calendar.at(1, 1),
    capacity,
    members: 4,
  });
  const consumedBy = await consumedByMember(owner, calendar.at(0, 1), calendar.at(1, 1));

  // 1 February: January's invoice, four licences.
  await calendar.moveTo(0, 0, 1);
  const invoice = await finalizedInvoice(owner, subscription.id);

  out.line("Capacity pooled across eligible users: plan ai-add-on ($20 a licence a month,");
  out.line(
    `1,000 credits a licence), 4 licences for 6 people: ${readable(capacity)} credits shared`,
  );
  out.line();
  printTable(out, "Licensed", [
    ["1 Jan", january.join(", ")],
    ["15 Jan", `${from15th.join(", ")} (Dee's licence moved to Eli)`],
  ]);
  printTable(
    out,
    "Consumed in January (50 credits a request)",
    Object.entries(consumedBy).map(([name, amount]) => [name, readable(amount)]),
  );
  out.line("Refused");
  for (const each of refused) out.line(`  ${each}`);
  out.line();
  printTable(out, "One shared pool versus a quota of 1,000 a licence, replayed on January", [
    ["", "served", "blocked", "stranded"],
    [
      "shared",
      readable(pooling.pooled.served),
      readable(pooling.pooled.blocked),
      readable(pooling.pooled.stranded),
    ],
    [
      "quotas",
      readable(pooling.siloed.served),
      readable(pooling.siloed.blocked),
      readable(pooling.siloed.stranded),
    ],
  ]);
  printInvoice(out, "Invoice for January", invoice);

  return {
    capacity,
    eligible: { january, from15th },
    consumedBy,
    refused,
    pooled: { served: pooling.pooled.served, blocked: pooling.pooled.blocked },
    siloed: {
      served: pooling.siloed.served,
      blocked: pooling.siloed.blocked,
      stranded: pooling.siloed.stranded,
    },
    januaryInvoice: {
      lines: invoiceLines(invoice),
      total: invoice.total,
    },
  };
}

interface Person {
  readonly name: string;
  readonly member: string;
  readonly client: CreditpoolClient;
  readonly pool: string;
}

async function person(
  owner: CreditpoolClient,
  target: ExampleTarget,
  pool: string,
  name: string,
): Promise<Person> {
  const member = await owner.members.create({ name });
  const key = await owner.keys.create({ name, role: "member", pool, member: member.id });
  return { name, member: member.id, client: clientFor(target, key.secret ?? ""), pool };
}

/** `count` requests of `ASK` credits, each held before and captured whole after. */
async function use(who: Person, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const decision = await who.client.holds.create({ pool: who.pool, amount: ASK });
    if (!decision.allowed) throw new Error(`${who.name}'s request was refused: ${decision.code}`);
    await who.client.holds.capture(decision.hold.id, { amount: ASK });
  }
}

/** A request that must be refused: why, as the API says it. */
async function refusal(who: Person): Promise<string> {
  try {
    await who.client.holds.create({ pool: who.pool, amount: ASK });
  } catch (error) {
    if (error instanceof CreditpoolError) return `${error.status} ${error.code}`;
    throw error;
  }
  throw new Error(`${who.name}'s request was held`);
}

/** Each person's name by member id. */
function namesOf(people: ReadonlyMap<string, Person>): Map<string, string> {
  return new Map([...people.values()].map((each) => [each.member, each.name]));
}

runIfMain(import.meta.url, play);
