/**
 * Access by seat, consumption from shared resources (Microsoft 365 Copilot style): a seat is a
 * licence to use the assistant, and only a member holding one may call it through the gateway;
 * what the calls consume is drawn from the organization's capacity, then paid as you go.
 *
 *   npx tsx examples/access-by-seat/run.ts
 */
import { type CreditpoolClient, CreditpoolError } from "@creditpool/sdk";
import OpenAI from "openai";
import {
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
export interface AccessBySeatFigures {
  readonly seatHolders: {
    readonly january: readonly string[];
    readonly afterCyLeft: readonly string[];
  };
  readonly refusals: readonly string[];
  readonly upstreamCalls: number;
  readonly consumedBy: Readonly<Record<string, string>>;
  readonly overageUsed: string;
  readonly januaryInvoice: { readonly lines: readonly string[]; readonly total: string };
}

/** What the provider reports for one of these calls: 2,000 tokens in, 20,000 out. */
const CALL_USAGE = { input_tokens: 2_000, output_tokens: 20_000 };

export async function play(target: ExampleTarget, out: Output): Promise<AccessBySeatFigures> {
  const { owner, rootPool } = await newOrganization(target, "Fabrikam");
  const calendar = await startOnNextFirstOfJanuary(owner);

  // The plan: a $200 capacity pack of 2,000 credits for the organization each month, $30 a seat
  // that brings access and no credits, and pay-as-you-go at 12 cents a credit past the pack.
  await owner.plans.publish({
    id: "copilot",
    name: "Copilot",
    currency: "USD",
    interval: "month",
    base_price: "20000",
    credits_per_organization: "2000",
    seat_price: "3000",
    credits_per_seat: "0",
    overage_price: "12",
    rollover: null,
  });
  // Pay as you go up to 1,000 credits a month past the pack; beyond that, calls are refused.
  await owner.pools.update(rootPool, { overage_limit: { amount: "1000", period: "month" } });
  await owner.rateCards.create({
    prices: [
      { meter: "input_tokens", dimensions: { model: "gpt-5-mini" }, credits_per_unit: "0.001" },
      { meter: "output_tokens", dimensions: { model: "gpt-5-mini" }, credits_per_unit: "0.004" },
    ],
  });
  // The organization's provider account; its key is how the provider tells this tenant's calls.
  const providerKey = `sk-fake-fabrikam-${Date.now()}`;
  await owner.upstreams.create({
    provider: "openai",
    name: "tenant",
    base_url: `${target.upstreamUrl}/v1`,
    api_key: providerKey,
  });
  const subscription = await owner.subscriptions.start({
    plan: "copilot",
    seats: 3,
    seat_access: "assigned",
  });

  // Four people, each with a gateway key bound to them and to the organization's pool.
  const people = new Map<string, Person>();
  for (const name of ["Ana", "Ben", "Cy", "Dee"]) {
    people.set(name, await person(owner, target, rootPool, name));
  }
  const seat = (name: string) => must(people.get(name)).member;
  for (const name of ["Ana", "Ben", "Cy"]) {
    await owner.subscriptions.assignSeat(subscription.id, { member: seat(name) });
  }
  const refusals: string[] = [];
  // Three seats, three holders: Dee cannot take a fourth.
  try {
    await owner.subscriptions.assignSeat(subscription.id, { member: seat("Dee") });
  } catch (error) {
    if (!(error instanceof CreditpoolError)) throw error;
    refusals.push(`assign a seat to Dee: ${error.status} ${error.code}`);
  }
  const january = await seatHolders(owner, subscription.id, namesOf(people));

  // Dee has no seat: the gateway refuses her call before anything goes upstream.
  refusals.push(`Dee's call: ${await refusedCall(must(people.get("Dee")))}`);

  // January's work: Ana, Ben and Cy each call the assistant; the pack runs out, then PAYG.
  for (const [name, calls] of [
    ["Ana", 12],
    ["Ben", 8],
    ["Cy", 6],
  ] as const) {
    await call(target, must(people.get(name)), calls);
  }

  // 20 January: Cy leaves. His seat goes to Dee; Cy's key still exists but no longer works.
  await calendar.moveTo(19);
  await owner.subscriptions.unassignSeat(subscription.id, seat("Cy"));
  await owner.subscriptions.assignSeat(subscription.id, { member: seat("Dee") });
  const afterCyLeft = await seatHolders(owner, subscription.id, namesOf(people));
  refusals.push(`Cy's call after he left: ${await refusedCall(must(people.get("Cy")))}`);
  await call(target, must(people.get("Dee")), 2);
  const upstreamCalls = await upstreamRequests(target, providerKey);
  const overageUsed = (await owner.pools.get(rootPool)).overage_used_this_period;

  // 1 February: January is invoiced: the pack, the seats and what was paid as you go.
  await calendar.moveTo(0, 0, 1);
  const invoice = await finalizedInvoice(owner, subscription.id);
  const consumedBy = await consumedByMember(owner, calendar.at(0, 1), calendar.at(1, 1));

  out.line("Access by seat: plan copilot ($30 a seat for access, a $200 pack of 2,000 credits");
  out.line("for the organization, pay as you go at $0.12 a credit up to 1,000 more a month)");
  out.line();
  printTable(out, "Seats (3)", [
    ["1 Jan", january.join(", ")],
    ["20 Jan", `${afterCyLeft.join(", ")} (Cy left, his seat went to Dee)`],
  ]);
  out.line("Refused");
  for (const refusal of refusals) out.line(`  ${refusal}`);
  out.line(`  (the provider saw ${upstreamCalls} calls: none of the refused ones)`);
  out.line();
  printTable(out, "Consumed in January, by person (82 credits a call)", [
    ...Object.entries(consumedBy).map(([name, amount]) => [name, readable(amount)]),
    ["of which paid as you go", readable(overageUsed)],
  ]);
  printInvoice(out, "Invoice for January", invoice);

  return {
    seatHolders: { january, afterCyLeft },
    refusals,
    upstreamCalls,
    consumedBy,
    overageUsed,
    januaryInvoice: {
      lines: invoiceLines(invoice),
      total: invoice.total,
    },
  };
}

interface Person {
  readonly name: string;
  readonly member: string;
  readonly ai: OpenAI;
}

async function person(
  owner: CreditpoolClient,
  target: ExampleTarget,
  pool: string,
  name: string,
): Promise<Person> {
  const member = await owner.members.create({ name });
  const key = await owner.keys.create({ name, role: "member", pool, member: member.id });
  const ai = new OpenAI({
    baseURL: `${target.url}/gateway/openai/v1`,
    apiKey: key.secret ?? "",
    maxRetries: 0,
  });
  return { name, member: member.id, ai };
}

/** `count` calls, each answered by the provider with `CALL_USAGE`. */
async function call(target: ExampleTarget, who: Person, count: number): Promise<void> {
  const behaviours = Array.from({ length: count }, () => ({
    kind: "reply",
    model: "gpt-5-mini",
    usage: CALL_USAGE,
  }));
  const queued = await fetch(`${target.upstreamUrl}/_fake/behaviours`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ behaviours }),
  });
  if (!queued.ok) throw new Error(`the fake provider refused the script: ${queued.status}`);
  for (let i = 0; i < count; i++) await ask(who);
}

function ask(who: Person) {
  return who.ai.chat.completions.create({
    model: "gpt-5-mini",
    max_tokens: 25_000,
    messages: [{ role: "user", content: "Draft the summary of this week's customer meetings." }],
  });
}

/** A call the gateway must refuse: its status and code, as the OpenAI client reports them. */
async function refusedCall(who: Person): Promise<string> {
  try {
    await ask(who);
  } catch (error) {
    if (error instanceof OpenAI.APIError) return `${error.status} ${error.code ?? error.type}`;
    throw error;
  }
  throw new Error(`${who.name}'s call went through`);
}

/** How many requests the (fake) provider received with the organization's provider key. */
async function upstreamRequests(target: ExampleTarget, providerKey: string): Promise<number> {
  const answer = await fetch(`${target.upstreamUrl}/_fake/requests`);
  const body = (await answer.json()) as { data: { credential: { key: string } | null }[] };
  return body.data.filter((each) => each.credential?.key === providerKey).length;
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("missing");
  return value;
}

/** Each person's name by member id. */
function namesOf(people: ReadonlyMap<string, Person>): Map<string, string> {
  return new Map([...people.values()].map((each) => [each.member, each.name]));
}

runIfMain(import.meta.url, play);
