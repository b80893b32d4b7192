/**
 * One provider key, many developers and apps (the OpenAI and Anthropic API key style): the
 * organization's own key for each provider is an upstream account, each project is a pool with a
 * hard monthly cap, and each app calls through the gateway with the provider's official client and
 * a creditpool key bound to its project's pool.
 *
 *   npx tsx examples/provider-key-apps/run.ts
 */
import Anthropic from "@anthropic-ai/sdk";
import type { CreditpoolClient } from "@creditpool/sdk";
import OpenAI, { APIError } from "openai";
import { catalogPrices } from "../support/catalog-rate-card.ts";
import {
  type ExampleTarget,
  newOrganization,
  type Output,
  printTable,
  credits as readable,
  runIfMain,
  startOnNextFirstOfJanuary,
} from "../support/example.ts";

/** What the scenario ends with; the test checks every figure. */
export interface ProviderKeyFigures {
  readonly keysShown: readonly string[];
  readonly ticketsAnswered: number;
  readonly refusal: Refusal;
  readonly keptWorking: readonly string[];
  readonly januaryByPool: Readonly<Record<string, string>>;
  readonly januaryByModel: Readonly<Record<string, string>>;
  readonly januaryMoney: string;
  readonly februarySupportConsumed: string;
}

/** A refusal as the app saw it, and the figures of creditpool's decision record. */
export interface Refusal {
  readonly status: number;
  readonly type: string;
  readonly code: string;
  readonly creditpoolCode: string;
  readonly reachedUpstream: boolean;
  /** The hold the call needed, and what its pool had consumed this month against its cap. */
  readonly needed: string;
  readonly consumed: string;
  readonly cap: string;
}

/** The projects: a pool each, with its hard cap in credits a month and the model its app calls. */
const projects = [
  { name: "support-bot", cap: "4", model: "gpt-5" },
  { name: "search", cap: "1", model: "text-embedding-3-small + gpt-5-nano" },
  { name: "internal-tools", cap: "2", model: "claude-haiku-4-5" },
] as const;
type Project = (typeof projects)[number]["name"];

export async function play(target: ExampleTarget, out: Output): Promise<ProviderKeyFigures> {
  const { owner, rootPool } = await newOrganization(target, "Acme");
  const calendar = await startOnNextFirstOfJanuary(owner);

  // The organization's provider keys: one per provider, sealed at rest, never answered again.
  const openAiKey = await owner.upstreams.create({
    provider: "openai",
    name: "Acme's OpenAI key",
    base_url: `${target.upstreamUrl}/v1`,
    api_key: "sk-proj-acme-example-4f2a",
  });
  const anthropicKey = await owner.upstreams.create({
    provider: "anthropic",
    name: "Acme's Anthropic key",
    base_url: target.upstreamUrl,
    api_key: "sk-ant-acme-example-9c1e",
  });

  // Prices of the models the apps call, from the shipped catalog: a credit sells for $0.01,
  // list prices plus 20 %.
  const models = ["gpt-5", "gpt-5-nano", "text-embedding-3-small", "claude-haiku-4-5"];
  const terms = { creditValue: "0.01", markup: "0.2" };
  const rateCard = await owner.rateCards.create({ prices: catalogPrices(models, terms) });

  // What the organization prepaid: 100 credits at $0.01 each, on the root pool.
  await owner.grants.create({
    pool: rootPool,
    amount: "100",
    source: "purchase",
    cost_basis: "0.01",
  });

  // A pool per project with a hard monthly cap, and each app's key bound to its project's pool.
  const pools = new Map<Project, string>();
  const keys = new Map<Project, string>();
  for (const project of projects) {
    const pool = await owner.pools.create({
      parent: rootPool,
      name: project.name,
      limit: { amount: project.cap, kind: "hard", period: "month" },
    });
    const key = await owner.keys.create({
      name: `${project.name} app`,
      role: "agent",
      pool: pool.id,
    });
    pools.set(project.name, pool.id);
    keys.set(project.name, key.secret ?? "");
  }
  const apps = {
    support: openAiFor(target, keys.get("support-bot")),
    search: openAiFor(target, keys.get("search")),
    tools: anthropicFor(target, keys.get("internal-tools")),
  };

  // January. Search and the internal tools do their usual work.
  for (let query = 1; query <= 6; query++) await search(apps.search, query);
  for (let change = 1; change <= 4; change++) await summarize(apps.tools, change);

  // The support bot answers tickets until its project's cap refuses one, before it goes upstream.
  let ticketsAnswered = 0;
  let refusal: Refusal | undefined;
  for (let ticket = 1; refusal === undefined && ticket <= 50; ticket++) {
    const lastBefore = await lastProviderRequest(target);
    try {
      await answerTicket(apps.support, ticket);
      ticketsAnswered += 1;
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
      const reachedUpstream = (await lastProviderRequest(target)) !== lastBefore;
      refusal = await refusalOf(owner, error, reachedUpstream);
    }
  }
  if (refusal === undefined) throw new Error("the support bot was never refused");

  // The other projects keep working: their caps are their own.
  const keptWorking: string[] = [];
  keptWorking.push(`search: ${await search(apps.search, 7)}`);
  keptWorking.push(`internal-tools: ${await summarize(apps.tools, 5)}`);

  // Where January's credits went: the usage report by project and by model.
  const january = { from: calendar.at(0, 1), to: calendar.at(1, 1), interval: "month" } as const;
  const byPool = await owner.reports.usage({ ...january, group_by: "pool" });
  const byModel = await owner.reports.usage({ ...january, group_by: "model" });
  const januaryByPool = groups(byPool);
  const januaryByModel = groups(byModel);
  const poolViews = await Promise.all(
    projects.map((p) => owner.pools.get(pools.get(p.name) ?? "")),
  );

  // 1 February: every cap counts from zero again, and the support bot answers tickets again.
  await calendar.moveTo(0, 0, 1);
  const februaryAnswer = await answerTicket(apps.support, 51);
  const februarySupportConsumed = (await owner.pools.get(pools.get("support-bot") ?? ""))
    .consumed_this_period;

  out.line("One provider key per provider, shared by every app of Acme");
  for (const account of [openAiKey, anthropicKey]) {
    out.line(
      `  ${account.name.padEnd(21)} sealed; creditpool shows only …${account.api_key_last4}`,
    );
  }
  out.line(
    `Rate card: ${rateCard.prices.length} prices for ${models.length} models from the model catalog ($0.01 a credit, list + 20 %)`,
  );
  out.line();
  printTable(out, "Projects (a pool each, a hard cap a month, an app key bound to the pool)", [
    ["project", "app calls", "cap (credits)", "used in January"],
    ...projects.map((project, i) => [
      project.name,
      project.model,
      project.cap,
      readable(poolViews[i]?.consumed_this_period ?? "0"),
    ]),
  ]);
  out.line(`support-bot answered ${ticketsAnswered} tickets, then its cap refused the next one`);
  out.line(
    `  the OpenAI client got: ${refusal.status}, type ${refusal.type}, code ${refusal.code} (creditpool: ${refusal.creditpoolCode})`,
  );
  out.line(
    `  why (decision record): it needed ${readable(refusal.needed)} credits held; ${readable(refusal.consumed)} of the ${refusal.cap}-credit cap already used`,
  );
  out.line(
    `  sent to OpenAI: ${refusal.reachedUpstream ? "yes" : "no, refused before it went upstream"}`,
  );
  out.line();
  printTable(
    out,
    "The other projects kept working",
    keptWorking.map((line) => [line]),
  );
  printTable(out, "January by project (usage report, credits and money)", [
    ...byPool.groups.map((g) => [g.name ?? g.group, readable(g.credits), dollars(g.money)]),
    ["total", readable(byPool.total.credits), dollars(byPool.total.money)],
  ]);
  printTable(out, "January by model", [
    ...byModel.groups.map((g) => [g.group, readable(g.credits), dollars(g.money)]),
  ]);
  out.line(
    `1 Feb: the caps start again; support-bot answers a ticket (${februaryAnswer}), ${readable(februarySupportConsumed)} of 4 credits used.`,
  );

  return {
    keysShown: [openAiKey.api_key_last4, anthropicKey.api_key_last4],
    ticketsAnswered,
    refusal,
    keptWorking,
    januaryByPool,
    januaryByModel,
    januaryMoney: byPool.total.money,
    februarySupportConsumed,
  };
}

function openAiFor(target: ExampleTarget, key: string | undefined): OpenAI {
  return new OpenAI({ baseURL: `${target.url}/gateway/openai/v1`, apiKey: key ?? "" });
}

function anthropicFor(target: ExampleTarget, key: string | undefined): Anthropic {
  return new Anthropic({ baseURL: `${target.url}/gateway/anthropic`, apiKey: key ?? "" });
}

/** A support ticket: the customer's message and the order log the bot reads, about 8 KB. */
function ticketText(ticket: number): string {
  const lines = [`Ticket ${ticket}: my order did not arrive, here is what your site showed me.`];
  for (let line = 0; line < 120; line++) {
    lines.push(
      `2027-01-0${(line % 9) + 1} 10:${String(line % 60).padStart(2, "0")} order ${40_000 + ticket * 7 + line} status=in_transit hub=${(line * 37) % 101}`,
    );
  }
  return lines.join("\n");
}

async function answerTicket(client: OpenAI, ticket: number): Promise<string> {
  const answer = await client.chat.completions.create({
    model: "gpt-5",
    max_completion_tokens: 1024,
    messages: [
      { role: "system", content: "You are Acme's support assistant. Answer in two sentences." },
      { role: "user", content: ticketText(ticket) },
    ],
  });
  return answer.model;
}

/** A search: the query embedded, then a short answer from the passages found. */
async function search(client: OpenAI, query: number): Promise<string> {
  await client.embeddings.create({
    model: "text-embedding-3-small",
    input: `how do I reset my password (query ${query})`,
  });
  const answer = await client.chat.completions.create({
    model: "gpt-5-nano",
    max_completion_tokens: 256,
    messages: [
      {
        role: "user",
        content: `Answer from these passages: Settings > Security > Reset. (${query})`,
      },
    ],
  });
  return `answered (${answer.model})`;
}

/** An internal tool: a change's diff summarized for the changelog, with Anthropic's client. */
async function summarize(client: Anthropic, change: number): Promise<string> {
  const diff = Array.from(
    { length: 60 },
    (_, line) => `+ const limit${line} = readLimit("pool-${change}-${line}"); // bounded`,
  ).join("\n");
  const message = await client.messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 512,
    messages: [{ role: "user", content: `Summarize change ${change} for the changelog:\n${diff}` }],
  });
  return `answered (${message.model})`;
}

/**
 * The refusal as the OpenAI client sees it (the provider's error shape, creditpool's code and
 * decision inside), and the decision record's figures: the hold needed, the capped pool's month.
 */
async function refusalOf(
  owner: CreditpoolClient,
  error: APIError,
  reachedUpstream: boolean,
): Promise<Refusal> {
  const body = error.error as {
    type?: string;
    code?: string;
    creditpool?: { code?: string; decision_id?: string };
  };
  const decision = await owner.decisions.get(body.creditpool?.decision_id ?? "");
  const path = decision.evidence.path as ReadonlyArray<{
    pool: string;
    limit: { amount: string } | null;
    consumed_this_period: string;
  }>;
  const capped = path.find((step) => step.pool === decision.pool);
  return {
    status: error.status ?? 0,
    type: body.type ?? "",
    code: body.code ?? "",
    creditpoolCode: body.creditpool?.code ?? "",
    reachedUpstream,
    needed: decision.amount,
    consumed: capped?.consumed_this_period ?? "",
    cap: capped?.limit?.amount ?? "",
  };
}

/** The last request the provider (the fake upstream) received, as it recorded it. */
async function lastProviderRequest(target: ExampleTarget): Promise<string> {
  const answer = await fetch(`${target.upstreamUrl}/_fake/requests`);
  const recorded = (await answer.json()) as { data: unknown[] };
  return JSON.stringify(recorded.data.at(-1) ?? null);
}

function groups(report: Awaited<ReturnType<CreditpoolClient["reports"]["usage"]>>) {
  const figures: Record<string, string> = {};
  for (const group of report.groups) figures[group.name ?? group.group] = group.credits;
  return figures;
}

/** Money as the report gives it: dollars, exact. */
const dollars = (amount: string) => `$${amount}`;

runIfMain(import.meta.url, play);
