/**
 * A credit-priced product (Coco style): every action costs credits (an email draft 4 to 6 by its
 * length, an enrichment 1, a research brief 8, a deep search 25), sold in three plans: Hobby with
 * 1,000 free credits a month, Founder at $40 for 5,000 with top-up packs, Team by the seat with
 * the seats' credits pooled. Unused included credits roll over for 30 days. A hobbyist, a founder
 * and a team each play January in an organization of their own.
 *
 *   npx tsx examples/credit-product/run.ts
 */
import { type CreditpoolClient, CreditpoolError, type Invoice } from "@creditpool/sdk";
import {
  type Calendar,
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
import {
  emails,
  enrichments,
  founder,
  hobby,
  publishRateCard,
  recordWork,
  researchBriefs,
  type Work,
} from "./product.ts";
import { playTeam, type TeamFigures } from "./team.ts";

/** A plan customer's month: what it started with, used, bought, carried into February. */
export interface SoloFigures {
  readonly includedAtStart: string;
  readonly used: readonly string[];
  readonly toppedUp: string;
  readonly leftInJanuary: string;
  readonly rolledOver: string;
  readonly rolloverLifetimeDays: number | null;
  readonly februaryAvailable: string;
  readonly invoice: { readonly lines: readonly string[]; readonly total: string };
}

/** What the scenario ends with; the test checks every figure. */
export interface CreditProductFigures {
  /** The answer to a quote for an email draft that names no length. */
  readonly draftWithoutLength: string;
  readonly hobby: SoloFigures;
  readonly founder: SoloFigures;
  readonly team: TeamFigures;
}

export async function play(target: ExampleTarget, out: Output): Promise<CreditProductFigures> {
  // Three customers, three organizations: they share nothing, so they play January side by side.
  const [hobbyist, founding, teamed] = await Promise.all([
    playHobby(target),
    playFounder(target),
    playTeam(target),
  ]);
  out.line(
    "A credit-priced product: an email draft costs 4, 5 or 6 credits (short, medium, long),",
  );
  out.line("an enrichment 1, a research brief 8, a deep search 25; unused included credits roll");
  out.line("over for 30 days.");
  out.line(`An email draft that names no length is not free: ${hobbyist.draftWithoutLength}`);
  out.line();
  printSolo(out, "A hobbyist on Hobby (free, 1,000 credits a month)", hobbyist.figures, [
    "1-31 Jan",
  ]);
  printInvoice(out, hobbyist.invoice);
  printSolo(
    out,
    "A founder on Founder ($40.00 a month, 5,000 credits, packs of 2,000 at $15.00)",
    founding.figures,
    ["1-20 Jan", "21-31 Jan"],
  );
  printInvoice(out, founding.invoice);
  printTeam(out, teamed.figures, teamed.invoice);
  return {
    draftWithoutLength: hobbyist.draftWithoutLength,
    hobby: hobbyist.figures,
    founder: founding.figures,
    team: teamed.figures,
  };
}

interface Solo {
  readonly figures: SoloFigures;
  readonly invoice: Invoice;
}

/** The hobbyist: January's free credits, most of them used, the rest carried into February. */
async function playHobby(target: ExampleTarget): Promise<Solo & { draftWithoutLength: string }> {
  const { owner, rootPool, calendar } = await customer(target, "Hobby customer");
  await owner.plans.publish(hobby);
  const subscription = await owner.subscriptions.start({ plan: "hobby" });
  const includedAtStart = (await owner.pools.get(rootPool)).available;
  const draftWithoutLength = await quoteAnswer(owner, {
    quantities: { email_draft: 1 },
    dimensions: {},
  });
  await calendar.moveTo(30);
  const used = await usedBy(owner, rootPool, "hobby-jan", [
    emails("short", 50),
    emails("long", 30),
    enrichments(150),
    researchBriefs(15),
  ]);
  const leftInJanuary = (await owner.pools.get(rootPool)).available;
  const january = await february(owner, rootPool, calendar, subscription.id, {
    includedAtStart,
    used: [used],
    toppedUp: "0",
    leftInJanuary,
  });
  return { ...january, draftWithoutLength };
}

/** A quote's amount, or the code and field of its refusal. */
async function quoteAnswer(owner: CreditpoolClient, usage: Work): Promise<string> {
  try {
    return `${(await owner.quotes.create({ usage })).amount} credits`;
  } catch (error) {
    if (!(error instanceof CreditpoolError)) throw error;
    return `${error.status} ${error.code} on ${error.param}`;
  }
}

/** The founder: January's 5,000 run short on the 20th, a pack bought, its rest kept. */
async function playFounder(target: ExampleTarget): Promise<Solo> {
  const { owner, rootPool, calendar } = await customer(target, "Founder customer");
  await owner.plans.publish(founder);
  const subscription = await owner.subscriptions.start({ plan: "founder" });
  const includedAtStart = (await owner.pools.get(rootPool)).available;
  await calendar.moveTo(19);
  const early = await usedBy(owner, rootPool, "founder-jan-1", [
    emails("long", 300),
    emails("medium", 400),
    enrichments(600),
    researchBriefs(60),
  ]);
  await calendar.moveTo(20);
  const pack = await owner.topUps.buy({ subscription: subscription.id, pack: "boost" });
  await calendar.moveTo(30);
  const late = await usedBy(owner, rootPool, "founder-jan-2", [
    emails("long", 150),
    enrichments(100),
  ]);
  const leftInJanuary = (await owner.pools.get(rootPool)).available;
  return await february(owner, rootPool, calendar, subscription.id, {
    includedAtStart,
    used: [early, late],
    toppedUp: pack.credits,
    leftInJanuary,
  });
}

async function customer(target: ExampleTarget, name: string) {
  const { owner, rootPool } = await newOrganization(target, name);
  const calendar = await startOnNextFirstOfJanuary(owner);
  await publishRateCard(owner);
  return { owner, rootPool, calendar };
}

/** Records the work and answers the credits it consumed, read from the pool. */
async function usedBy(
  owner: CreditpoolClient,
  pool: string,
  run: string,
  work: readonly Work[],
): Promise<string> {
  const before = micro((await owner.pools.get(pool)).consumed_this_period);
  await recordWork(owner, pool, run, work);
  const after = micro((await owner.pools.get(pool)).consumed_this_period);
  return fromMicro(after - before);
}

/** 1 February: the renewal finalizes January's invoice and rolls over what was left. */
async function february(
  owner: CreditpoolClient,
  pool: string,
  calendar: Calendar,
  subscription: string,
  january: Pick<SoloFigures, "includedAtStart" | "used" | "toppedUp" | "leftInJanuary">,
): Promise<Solo> {
  await calendar.moveTo(0, 0, 1);
  const grants = await owner.grants.list({ pool });
  const rollover = grants.data.find((grant) => grant.source === "rollover");
  const invoice = await finalizedInvoice(owner, subscription);
  const figures: SoloFigures = {
    ...january,
    rolledOver: rollover?.amount ?? "0",
    rolloverLifetimeDays:
      rollover?.expires_at == null ? null : daysBetween(calendar.at(1, 1), rollover.expires_at),
    februaryAvailable: (await owner.pools.get(pool)).available,
    invoice: {
      lines: invoice.lines.map((line) => `${line.kind} ${line.quantity} ${line.amount}`),
      total: invoice.total,
    },
  };
  return { figures, invoice };
}

function printSolo(out: Output, heading: string, figures: SoloFigures, spans: string[]): void {
  const rows = [["1 Jan", "included", readable(figures.includedAtStart)]];
  figures.used.forEach((used, i) => {
    rows.push([spans[i] ?? "", "used", `-${readable(used)}`]);
    if (i === 0 && figures.toppedUp !== "0") {
      rows.push(["21 Jan", "pack bought", `+${readable(figures.toppedUp)}`]);
    }
  });
  rows.push(["31 Jan", "left", readable(figures.leftInJanuary)]);
  rows.push(["1 Feb", "rolled over", readable(figures.rolledOver), rolloverNote(figures)]);
  rows.push(["1 Feb", "available", readable(figures.februaryAvailable)]);
  printTable(out, heading, rows);
}

function rolloverNote(figures: SoloFigures): string {
  if (figures.rolloverLifetimeDays !== null) {
    return `good for ${figures.rolloverLifetimeDays} days`;
  }
  return figures.toppedUp === "0"
    ? "nothing was left"
    : "the plan's credits were used first; the pack's never expire";
}

function printInvoice(out: Output, invoice: Invoice): void {
  printTable(out, `Invoice for January (${invoice.status})`, [
    ...invoice.lines.map((line) => [line.description, money(line.amount, invoice.currency)]),
    ["total", money(invoice.total, invoice.currency)],
  ]);
}

function printTeam(out: Output, team: TeamFigures, invoice: Invoice): void {
  const heading = `A team on Team ($30.00 a seat, 4,000 credits a seat): ${team.seats} seats, pooled`;
  printTable(out, heading, [
    ["1 Jan", "included", readable(team.includedAtStart)],
    [
      "1-31 Jan",
      "used",
      `-${readable(team.usedInJanuary)}`,
      `Sales ${readable(team.sales.consumed)}, Research ${readable(team.hardCap.consumed)}`,
    ],
    ["31 Jan", "left", readable(team.leftInJanuary)],
    [
      "1 Feb",
      "rolled over",
      readable(team.rolledOver),
      `good for ${team.rolloverLifetimeDays} days`,
    ],
    ["1 Feb", "available", readable(team.februaryAvailable)],
  ]);
  const { sales, approval, hardCap } = team;
  const alerts = sales.alertsRaised.map((threshold) => `${threshold}%`).join(" and ");
  printTable(out, `Sales pool: soft limit ${readable(sales.softLimit)} a month`, [
    [
      "consumed in January",
      readable(sales.consumed),
      `${percentOf(sales.consumed, sales.softLimit)} of the limit, nothing refused`,
    ],
    [
      "alerts raised",
      String(sales.alertsRaised.length),
      alerts === "" ? "none yet: the alert job looks every 5 seconds" : `at ${alerts}`,
    ],
  ]);
  printTable(
    out,
    `Research pool: hard limit ${readable(hardCap.limit)} a month, approval above 20 credits`,
    [
      ["Chloe's deep search, quoted", `${readable(approval.quoted)} credits`],
      ["held with the quote", approval.firstAnswer],
      ["approved by", approval.approvedBy],
      ["held again with the approval, captured", `${readable(approval.captured)} credits`],
      ["a second deep search", `${hardCap.code} at Research`],
      [
        "its decision record",
        [
          `limit ${readable(hardCap.limit)}`,
          `consumed ${readable(hardCap.consumed)}`,
          `held ${readable(hardCap.held)}`,
          `asked ${readable(hardCap.requested)}`,
        ].join(", "),
      ],
    ],
  );
  printInvoice(out, invoice);
  printTable(
    out,
    `Audit trail: who changed what (the test clock's ${team.clockMovesAudited} moves left out)`,
    team.audit.map((entry) => [entry]),
  );
}

/** `part` as a percentage of `whole`, to one decimal. */
function percentOf(part: string, whole: string): string {
  const tenths = (micro(part) * 1_000n) / micro(whole);
  return `${tenths / 10n}.${tenths % 10n}%`;
}

const micro = (amount: string) => {
  const [whole = "0", fraction = ""] = amount.split(".");
  return BigInt(`${whole}${fraction.padEnd(6, "0")}`);
};
const fromMicro = (value: bigint) => readableMicro(value);
const readableMicro = (value: bigint) => {
  const fraction = String(value % 1_000_000n)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${value / 1_000_000n}${fraction === "" ? "" : `.${fraction}`}`;
};
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

runIfMain(import.meta.url, play);
