/**
 * Twelve subscriptions pooled: twelve seats of a flat-rate plan (Claude Max style), each with a
 * 5-hour and a weekly usage window, are upstream accounts of one organization; its agents call
 * through the gateway, which sends each call to the least-used seat, skips a seat whose window is
 * full, and routes simple prompts to a light model and hard ones to the strong one.
 *
 *   npx tsx examples/pooled-subscriptions/run.ts
 */
import Anthropic from "@anthropic-ai/sdk";
import type { CreditpoolClient, GatewayCall } from "@creditpool/sdk";
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
export interface PooledSubscriptionFigures {
  /** Per seat: calls it served, and the tokens its 5-hour and weekly windows counted. */
  readonly seats: Readonly<Record<string, { calls: number; fiveHour: number; week: number }>>;
  readonly fullSeat: { readonly name: string; readonly callsAfterFull: number };
  /** Six hours later: the seat that was full, and its 5-hour window's tokens then. */
  readonly afterReset: { readonly seat: string; readonly fiveHour: number };
  /** The models each kind of task ran on, with how many calls. */
  readonly modelsByTask: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly creditsByModel: Readonly<Record<string, string>>;
  readonly creditsTotal: string;
  readonly poolConsumed: string;
}

const seatCount = 12;
/** Each seat's windows, scaled down so a short run fills one: tokens in 5 hours and in 7 days. */
const fiveHourTokens = 12_000;
const weekTokens = 100_000;
const hour = 3_600;

/** The routing tiers: the light model for simple prompts, the strong one for hard tasks. */
const tiers = {
  light: ["claude-haiku-4-5"],
  standard: ["claude-sonnet-4-5"],
  heavy: ["claude-opus-4-1"],
};

export async function play(target: ExampleTarget, out: Output): Promise<PooledSubscriptionFigures> {
  const { owner, rootPool } = await newOrganization(target, "Orbit Labs");
  // The organization's own clock, so the example can let five hours pass.
  const calendar = await startOnNextFirstOfJanuary(owner);

  // Twelve seats of the plan, each an upstream account with the plan's two rolling windows.
  const seatNames = new Map<string, string>();
  for (let seat = 1; seat <= seatCount; seat++) {
    const account = await owner.upstreams.create({
      provider: "anthropic",
      name: `Max seat ${String(seat).padStart(2, "0")}`,
      base_url: target.upstreamUrl,
      api_key: `sk-ant-orbit-seat-${String(seat).padStart(2, "0")}-example`,
      windows: [
        { duration_seconds: 5 * hour, max_tokens: fiveHourTokens },
        { duration_seconds: 7 * 24 * hour, max_tokens: weekTokens },
      ],
    });
    seatNames.set(account.id, account.name);
  }

  // Credits measure the work at the provider's list price: a credit is $0.01 of API price, no
  // markup, so the total says what the same calls would have cost on the pay-as-you-go API.
  const models = [...tiers.light, ...tiers.standard, ...tiers.heavy];
  await owner.rateCards.create({
    prices: catalogPrices(models, { creditValue: "0.01", markup: "0" }),
  });
  await owner.grants.create({ pool: rootPool, amount: "1000", source: "purchase" });

  // The agents' pool, routed by complexity: requests for `auto` get the tier's model.
  const pool = await owner.pools.create({ parent: rootPool, name: "agents" });
  await owner.routingPolicies.create({ pool: pool.id, tiers, default_tier: "light" });
  const key = await owner.keys.create({ name: "coding agents", role: "agent", pool: pool.id });
  const agents = new Anthropic({
    baseURL: `${target.url}/gateway/anthropic`,
    apiKey: key.secret ?? "",
  });

  // The day's work: a large migration first, then hard tasks (with tools) and simple questions.
  await task(agents, "migration", migrationPrompt(), 4_096);
  for (let round = 1; round <= 12; round++) {
    await task(agents, "hard", failingTestPrompt(round), 2_048, toolsForAgents);
    await task(agents, "simple", `What does flag --dry-run ${round} do?`, 256);
  }

  const calls = await callsOf(owner, pool.id);
  const accounts = (await owner.upstreams.list({ limit: 100 })).data;
  const seats: Record<string, { calls: number; fiveHour: number; week: number }> = {};
  for (const account of [...accounts].sort((a, b) => a.name.localeCompare(b.name))) {
    const [fiveHour, week] = account.windows;
    seats[account.name] = {
      calls: calls.filter((call) => call.upstream === account.id).length,
      fiveHour: fiveHour?.used.tokens ?? 0,
      week: week?.used.tokens ?? 0,
    };
  }
  const first = calls[0];
  if (first?.upstream == null) throw new Error("the first call went through no seat");
  const fullSeat = {
    name: seatNames.get(first.upstream) ?? first.upstream,
    callsAfterFull: calls.slice(1).filter((call) => call.upstream === first.upstream).length,
  };

  const modelsByTask: Record<string, Record<string, number>> = {};
  const creditsByModel: Record<string, string> = {};
  for (const call of calls) {
    const kind = call.tags.task ?? "(none)";
    const byModel = modelsByTask[kind] ?? {};
    byModel[call.model] = (byModel[call.model] ?? 0) + 1;
    modelsByTask[kind] = byModel;
    creditsByModel[call.model] = add(creditsByModel[call.model] ?? "0", call.credits);
  }
  const creditsTotal = Object.values(creditsByModel).reduce(add, "0");
  const poolConsumed = (await owner.pools.get(pool.id)).consumed_this_period;

  // Six hours on: every 5-hour window has reset, the full seat's too, so it is eligible again.
  await calendar.moveTo(0, 6);
  const fullAfter = (await owner.upstreams.list({ limit: 100 })).data.find(
    (account) => account.id === first.upstream,
  );
  const afterReset = { seat: fullSeat.name, fiveHour: fullAfter?.windows[0]?.used.tokens ?? -1 };

  out.line(`Twelve subscriptions pooled: ${seatCount} seats, each with a 5-hour window of`);
  out.line(
    `${readable(String(fiveHourTokens))} tokens and a weekly one of ${readable(String(weekTokens))}`,
  );
  out.line(`${calls.length} agent calls through the gateway, each to the least-used seat`);
  out.line();
  printTable(out, "Where the calls went (gateway call log, upstream account windows)", [
    ["seat", "calls", "5-hour window", "weekly window"],
    ...Object.entries(seats).map(([name, seat]) => [
      name,
      String(seat.calls),
      `${readable(String(seat.fiveHour))} / ${readable(String(fiveHourTokens))}`,
      `${readable(String(seat.week))} / ${readable(String(weekTokens))}`,
    ]),
  ]);
  out.line(`${fullSeat.name} took the migration first and filled its 5-hour window:`);
  out.line(`  it served ${fullSeat.callsAfterFull} of the ${calls.length - 1} calls after.`);
  out.line();
  printTable(out, "Models by task (routing policy, complexity classifier)", [
    ...Object.entries(modelsByTask).map(([kind, byModel]) => [
      kind,
      Object.entries(byModel)
        .map(([model, count]) => `${count} on ${model}`)
        .join(", "),
    ]),
  ]);
  printTable(out, "What it cost in credits ($0.01 of API list price each)", [
    ...Object.entries(creditsByModel).map(([model, credits]) => [model, readable(credits)]),
    ["total", readable(creditsTotal)],
  ]);
  out.line(`The agents pool consumed ${readable(poolConsumed)} credits.`);
  out.line();
  out.line("Six hours later (on the organization's clock) every 5-hour window had reset:");
  out.line(
    `  ${afterReset.seat}'s at ${readable(String(afterReset.fiveHour))} / ${readable(String(fiveHourTokens))}, eligible again.`,
  );

  return {
    seats,
    fullSeat,
    afterReset,
    modelsByTask,
    creditsByModel,
    creditsTotal,
    poolConsumed,
  };
}

/** Tools an agent offers the model: eight of them make a task heavy for the classifier. */
const toolsForAgents: Anthropic.Tool[] = [
  "read_file",
  "write_file",
  "list_directory",
  "run_tests",
  "search_code",
  "git_diff",
  "git_commit",
  "open_pull_request",
].map((name) => ({
  name,
  description: `The agent's ${name.replaceAll("_", " ")} tool.`,
  input_schema: { type: "object", properties: { path: { type: "string" } } },
}));

/** A hard task: a failing test's output and the module it tests, about 4 KB. */
function failingTestPrompt(round: number): string {
  const lines = [`Fix the failing test in module ${round}; the test run and the module follow.`];
  for (let line = 0; line < 50; line++) {
    lines.push(
      `module-${round}.ts:${line + 1}: export const step${line} = (x: number) => x + ${line};`,
    );
  }
  return lines.join("\n");
}

/** A migration task: about 80 KB of the schema and call sites to rewrite. */
function migrationPrompt(): string {
  const lines = ["Rewrite every call site below for the new orders schema."];
  for (let line = 0; line < 1_000; line++) {
    lines.push(`src/orders/query-${line}.ts: db.select("orders").where("state", "=", s${line});`);
  }
  return lines.join("\n");
}

async function task(
  agents: Anthropic,
  kind: string,
  prompt: string,
  maxTokens: number,
  tools: Anthropic.Tool[] = [],
): Promise<void> {
  await agents.messages.create(
    {
      model: "auto",
      max_tokens: maxTokens,
      messages: [{ role: "user", content: prompt }],
      ...(tools.length > 0 ? { tools } : {}),
    },
    { headers: { "x-creditpool-tags": `task=${kind}` } },
  );
}

/** The pool's gateway calls, oldest first (the log answers newest first, up to 100 a page). */
async function callsOf(owner: CreditpoolClient, pool: string): Promise<GatewayCall[]> {
  const page = await owner.gatewayCalls.list({ pool, limit: 100 });
  return [...page.data].reverse();
}

/** Sums two decimal credit amounts exactly, in micro-credits. */
function add(a: string, b: string): string {
  const micro = (amount: string) => {
    const [whole = "0", fraction = ""] = amount.split(".");
    return BigInt(`${whole}${fraction.padEnd(6, "0")}`);
  };
  const sum = micro(a) + micro(b);
  const fraction = String(sum % 1_000_000n)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sum / 1_000_000n}${fraction === "" ? "" : `.${fraction}`}`;
}

runIfMain(import.meta.url, play);
