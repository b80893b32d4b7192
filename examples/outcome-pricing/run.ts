/**
 * Outcome pricing (Fireflies, Synthesia, Decagon style): the customer pays for what the AI
 * delivered, a meeting minute transcribed, a video minute rendered, a support conversation
 * resolved, never for tokens; and each outcome once, however often it is reported. A monthly plan
 * includes 50,000 credits for $500.00 and bills what is used past them at 1.2 cents a credit.
 *
 *   npx tsx examples/outcome-pricing/run.ts
 */
import type { CreditpoolClient, UsageResult } from "@creditpool/sdk";
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
export interface OutcomeFigures {
  readonly reported: {
    readonly events: number;
    readonly recorded: number;
    readonly duplicate: number;
    readonly refused: number;
  };
  readonly duplicates: readonly string[];
  readonly refused: readonly { readonly id: string; readonly code: string }[];
  readonly byMeter: Readonly<Record<string, string>>;
  readonly consumed: string;
  readonly overage: string;
  readonly januaryInvoice: { readonly lines: readonly string[]; readonly total: string };
}

/** An outcome as a service reports it: its event id, the outcome it is, and how much of it. */
interface Outcome {
  readonly id: string;
  readonly outcomeKey: string;
  readonly meter: string;
  readonly quantity: number;
}

const prices = [
  { meter: "meeting.minutes", credits_per_unit: "2", what: "a meeting minute transcribed" },
  { meter: "video.minutes", credits_per_unit: "150", what: "a video minute rendered" },
  { meter: "conversation.resolved", credits_per_unit: "99", what: "a conversation resolved" },
] as const;

/** 30 meetings, 5 times each of these lengths in minutes: 2,500 minutes. */
const meetingMinutes = [30, 45, 60, 90, 120, 155];
/** 12 videos, 3 times each of these lengths in minutes: 150 minutes. */
const videoMinutes = [5, 10, 15, 20];
const conversationsResolved = 350;

export async function play(target: ExampleTarget, out: Output): Promise<OutcomeFigures> {
  const { owner, rootPool } = await newOrganization(target, "Globex");
  const calendar = await startOnNextFirstOfJanuary(owner);

  // The plan: $500.00 a month with 50,000 credits included (a credit is a cent), and what is used
  // past them at 1.2 cents a credit; nothing rolls over.
  await owner.plans.publish({
    id: "outcomes-growth",
    name: "Outcomes Growth",
    currency: "USD",
    interval: "month",
    base_price: "50000",
    credits_per_organization: "50000",
    overage_price: "1.2",
    rollover: null,
  });
  // The rate card prices outcomes, not tokens.
  await owner.rateCards.create({
    prices: prices.map(({ meter, credits_per_unit }) => ({ meter, credits_per_unit })),
  });
  // Past the included credits, outcomes keep being delivered: up to 20,000 credits of overage a
  // month, billed at the month's end.
  await owner.pools.update(rootPool, { overage_limit: { amount: "20000", period: "month" } });
  const subscription = await owner.subscriptions.start({ plan: "outcomes-growth" });

  // Each product reports its outcomes with a key of its own; the CRM sync reports resolutions too.
  const service = async (name: string) => {
    const key = await owner.keys.create({ name, role: "agent", pool: rootPool });
    return clientFor(target, key.secret ?? "");
  };
  const notetaker = await service("notetaker");
  const renderer = await service("video renderer");
  const supportBot = await service("support bot");
  const crmSync = await service("CRM sync");

  const meetings = meetingMinutes.flatMap((minutes, i) =>
    [0, 1, 2, 3, 4].map((round) => {
      const n = round * meetingMinutes.length + i + 1;
      return outcome(`meeting-${n}`, `meeting-${n}`, "meeting.minutes", minutes);
    }),
  );
  const videos = videoMinutes.flatMap((minutes, i) =>
    [0, 1, 2].map((round) => {
      const n = round * videoMinutes.length + i + 1;
      return outcome(`render-${n}`, `video-${n}`, "video.minutes", minutes);
    }),
  );
  const resolutions = Array.from({ length: conversationsResolved }, (_, i) =>
    outcome(`bot-${i + 1}`, `conversation-${i + 1}`, "conversation.resolved", 1),
  );

  // January. Each outcome is reported once by the service that delivered it; three are reported
  // again: a retry after a timeout, a video reported again when exported, a resolution the CRM
  // sync reports a week later. One report gives an outcome already billed another measure.
  const results: UsageResult[] = [];
  await calendar.moveTo(9);
  results.push(...(await report(notetaker, rootPool, meetings)));
  results.push(
    ...(await report(notetaker, rootPool, [
      outcome("meeting-7-retry", "meeting-7", "meeting.minutes", 30),
      outcome("meeting-7-edited", "meeting-7", "meeting.minutes", 45),
    ])),
  );
  await calendar.moveTo(14);
  results.push(...(await report(renderer, rootPool, videos)));
  results.push(
    ...(await report(renderer, rootPool, [outcome("export-3", "video-3", "video.minutes", 15)])),
  );
  await calendar.moveTo(19);
  results.push(...(await report(supportBot, rootPool, resolutions)));
  await calendar.moveTo(26);
  results.push(
    ...(await report(crmSync, rootPool, [
      outcome("crm-ticket-4410", "conversation-42", "conversation.resolved", 1),
    ])),
  );
  const refused = results
    .filter((result) => result.status === "refused")
    .map(({ id, code }) => ({ id, code }));
  const duplicates = results.filter((r) => r.status === "duplicate").map((r) => r.id);

  const usage = await owner.reports.usage({
    from: calendar.at(0, 1),
    to: calendar.at(1, 1),
    interval: "month",
    group_by: "meter",
  });
  const byMeter: Record<string, string> = {};
  for (const group of usage.groups) byMeter[group.group] = group.credits;

  // 1 February: January's invoice is final, with the outcomes past the included credits.
  await calendar.moveTo(0, 0, 1);
  const january = await finalizedInvoice(owner, subscription.id);

  const figures: OutcomeFigures = {
    reported: {
      events: results.length,
      recorded: results.filter((r) => r.status === "recorded").length,
      duplicate: duplicates.length,
      refused: refused.length,
    },
    duplicates,
    refused,
    byMeter,
    consumed: usage.total.credits,
    overage: usage.total.uncovered,
    januaryInvoice: {
      lines: january.lines.map((line) => `${line.kind} ${line.quantity} ${line.amount}`),
      total: january.total,
    },
  };
  printSummary(out, figures);
  printTable(out, `Invoice for January (${january.status})`, [
    ...january.lines.map((line) => [line.description, money(line.amount, january.currency)]),
    ["total", money(january.total, january.currency)],
  ]);
  return figures;
}

const outcome = (id: string, outcomeKey: string, meter: string, quantity: number): Outcome => ({
  id,
  outcomeKey,
  meter,
  quantity,
});

/** Reports outcomes in one request (at most 1,000 events); answers each event's status. */
async function report(
  client: CreditpoolClient,
  pool: string,
  outcomes: readonly Outcome[],
): Promise<UsageResult[]> {
  const answer = await client.usage.record({
    events: outcomes.map((each) => ({
      id: each.id,
      pool,
      outcome_key: each.outcomeKey,
      quantities: { [each.meter]: each.quantity },
    })),
  });
  return answer.data;
}

function printSummary(out: Output, figures: OutcomeFigures): void {
  out.line("Outcome pricing: plan outcomes-growth ($500.00 a month, 50,000 credits included,");
  out.line("then 1.2 cents a credit); a credit is a cent");
  out.line();
  printTable(
    out,
    "The rate card: outcomes, not tokens",
    prices.map(({ meter, credits_per_unit, what }) => [meter, `${credits_per_unit} credits`, what]),
  );
  out.line("January: reported and billed");
  out.line(
    `  ${figures.reported.events} events reported, ${figures.reported.recorded} outcomes billed, ` +
      `${figures.reported.duplicate} duplicates billed nothing:`,
  );
  for (const id of figures.duplicates) out.line(`    ${id}: duplicate (${why[id] ?? ""})`);
  out.line(`  ${figures.reported.refused} refused, billed nothing:`);
  for (const { id, code } of figures.refused) out.line(`    ${id}: ${code} (${why[id] ?? ""})`);
  out.line();
  printTable(out, "Consumed in January, by meter (usage report)", [
    ...Object.entries(figures.byMeter).map(([meter, amount]) => [meter, readable(amount)]),
    ["total", readable(figures.consumed)],
  ]);
  out.line(`Past the 50,000 included: ${readable(figures.overage)} credits of overage.`);
  out.line();
}

/** Why an outcome was reported again, by the event id of the second report. */
const why: Readonly<Record<string, string>> = {
  "meeting-7-retry": "the notetaker retried meeting-7 after a timeout",
  "meeting-7-edited": "meeting-7 again, as 45 minutes: billed as 30 already",
  "export-3": "the renderer reported video-3 again on export",
  "crm-ticket-4410": "the CRM sync reported conversation-42, resolved a week before",
};

runIfMain(import.meta.url, play);
