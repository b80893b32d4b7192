/**
 * `creditpool plans list|get|publish`, `creditpool subscriptions list|get|start|seats|plan|
 * cancel|resume|auto-top-up` (and `assign|unassign|assignments`, `seat-assignments.ts`), `creditpool top-ups buy` and `creditpool invoices
 * list|get|html|pay|void`: seats that fill a pool, billed by period.
 */
import type { Invoice, Plan, PublishPlan, Subscription } from "@creditpool/sdk";
import { type Command, InvalidArgumentError } from "commander";
import { CliError, clientCommand, integer, more, paged, readJson, run } from "./context.ts";
import { registerSeatCommands } from "./seat-assignments.ts";
import { type Column, detail, fields, table } from "./table.ts";

const planColumns: readonly Column<Plan>[] = [
  { header: "ID", value: (plan) => plan.id },
  { header: "VERSION", value: (plan) => String(plan.version), align: "right" },
  { header: "NAME", value: (plan) => plan.name },
  { header: "CURRENCY", value: (plan) => plan.currency },
  { header: "INTERVAL", value: (plan) => plan.interval },
  { header: "SEAT PRICE", value: (plan) => plan.seat_price, align: "right" },
  { header: "CREDITS/SEAT", value: (plan) => plan.credits_per_seat, align: "right" },
  { header: "OWNER", value: (plan) => plan.scope },
];

const subscriptionColumns: readonly Column<Subscription>[] = [
  { header: "ID", value: (sub) => sub.id },
  { header: "PLAN", value: (sub) => `${sub.plan} v${sub.plan_version}` },
  { header: "POOL", value: (sub) => sub.pool },
  { header: "SEATS", value: (sub) => String(sub.seats), align: "right" },
  { header: "STATUS", value: (sub) => (sub.cancel_at_period_end ? "canceling" : sub.status) },
  { header: "PERIOD END", value: (sub) => sub.current_period.end },
];

const invoiceColumns: readonly Column<Invoice>[] = [
  { header: "ID", value: (invoice) => invoice.id },
  { header: "NUMBER", value: (invoice) => invoice.number ?? "-" },
  { header: "STATUS", value: (invoice) => invoice.status },
  { header: "PERIOD START", value: (invoice) => invoice.period_start },
  { header: "TOTAL", value: (invoice) => `${invoice.total} ${invoice.currency}`, align: "right" },
];

function subscriptionText(sub: Subscription): string {
  return fields([
    ["id", sub.id],
    ["plan", `${sub.plan} v${sub.plan_version}`],
    ["pool", sub.pool],
    ["seats", String(sub.seats)],
    ...Object.entries(sub.tier_seats).map(([tier, count]): [string, string] => [
      `${tier} seats`,
      String(count),
    ]),
    ["seat access", sub.seat_access],
    ["seats assigned", String(sub.seats_assigned)],
    ["status", sub.cancel_at_period_end ? `${sub.status}, ends at period end` : sub.status],
    ["period", `${sub.current_period.start} to ${sub.current_period.end}`],
    ["included credits", sub.current_period.included_credits],
    ["invoice", sub.current_period.invoice],
    ["auto top-up", autoTopUpText(sub.auto_top_up)],
  ]);
}

function autoTopUpText(rule: Subscription["auto_top_up"]): string {
  if (rule === null) return "none";
  const buys = rule.pack === null ? `${rule.credits} credits` : `pack ${rule.pack}`;
  const count = `${rule.purchases_this_period} of ${rule.max_per_period} this period`;
  return `below ${rule.threshold}, buy ${buys} (${count})`;
}

function invoiceText(invoice: Invoice): string {
  const lines = table(invoice.lines, [
    { header: "LINE", value: (line) => line.description },
    { header: "QTY", value: (line) => String(line.quantity), align: "right" },
    { header: "FROM", value: (line) => line.from },
    { header: "AMOUNT", value: (line) => line.amount, align: "right" },
  ]);
  return `${fields([
    ["id", invoice.id],
    ["number", invoice.number ?? "-"],
    ["status", invoice.status],
    ["period", `${invoice.period_start} to ${invoice.period_end}`],
    ["total", `${invoice.total} ${invoice.currency} (minor units)`],
  ])}\n${lines}`;
}

export function registerBillingCommands(program: Command): void {
  const plans = program.command("plans").description("The plans subscriptions come from");

  clientCommand(plans, "list", "The latest version of every plan").action(
    (_options: unknown, command: Command) =>
      run(command, async (client) => {
        const list = await client.plans.list();
        return { answer: list, text: () => table(list.data, planColumns) };
      }),
  );

  clientCommand(plans, "get", "Show a plan: its latest version, or --version")
    .argument("<id>", "the plan's id")
    .option("--version <n>", "a version", integer)
    .action((id: string, options: { version?: number }, command: Command) =>
      run(command, async (client) => {
        const plan = await client.plans.get(id, options.version);
        return { answer: plan, text: () => detail(plan) };
      }),
    );

  clientCommand(plans, "publish", "Publish a plan's next version from a JSON file")
    .requiredOption("--file <path>", "the body of POST /v1/plans; - reads stdin")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: { file: string; idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const body = readJson(options.file, "--file");
        if (typeof body !== "object" || body === null || !("id" in body))
          throw new CliError("invalid_request", "Expected a plan with an id.", "--file");
        const plan = await client.plans.publish(body as PublishPlan, {
          idempotencyKey: options.idempotencyKey,
        });
        return { answer: plan, text: () => table([plan], planColumns) };
      }),
    );

  const subscriptions = program
    .command("subscriptions")
    .description("Pools on plans: seats that fill the pool");

  paged(clientCommand(subscriptions, "list", "List subscriptions")).action(
    (options: { limit?: number; startingAfter?: string }, command: Command) =>
      run(command, async (client) => {
        const page = await client.subscriptions.list({
          limit: options.limit,
          starting_after: options.startingAfter,
        });
        return {
          answer: page,
          text: () =>
            table(page.data, subscriptionColumns) + more(page.has_more, page.data.at(-1)?.id),
        };
      }),
  );

  clientCommand(subscriptions, "get", "Show a subscription as of now")
    .argument("<id>", "the subscription's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const sub = await client.subscriptions.get(id);
        return { answer: sub, text: () => subscriptionText(sub) };
      }),
    );

  clientCommand(subscriptions, "start", "Put a pool on a plan")
    .requiredOption("--plan <id>", "the plan")
    .option("--plan-version <n>", "a version of it (default the latest)", integer)
    .option("--seats <n>", "how many of the plan's own seats (default 0)", integer)
    .option(
      "--tier-seats <tier=n>",
      "seats of one of the plan's tiers, e.g. premium=3 (repeat for each tier)",
      tierSeat,
    )
    .option("--pool <id>", "the pool (default the organization's root)")
    .option("--anchor-at <time>", "when periods start (ISO 8601, not after now; default now)")
    .option("--time-zone <zone>", "the zone periods are counted in (default UTC)")
    .option("--seat-access <access>", "open (default), or assigned: only members with a seat hold")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: StartOptions, command: Command) =>
      run(command, async (client) => {
        const sub = await client.subscriptions.start(
          {
            plan: options.plan,
            ...(options.planVersion === undefined ? {} : { plan_version: options.planVersion }),
            ...(options.seats === undefined ? {} : { seats: options.seats }),
            ...(options.tierSeats === undefined ? {} : { tier_seats: options.tierSeats }),
            ...(options.pool === undefined ? {} : { pool: options.pool }),
            ...(options.anchorAt === undefined ? {} : { anchor_at: options.anchorAt }),
            ...(options.timeZone === undefined ? {} : { time_zone: options.timeZone }),
            ...(options.seatAccess === undefined ? {} : { seat_access: options.seatAccess }),
          },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: sub, text: () => subscriptionText(sub) };
      }),
    );

  clientCommand(subscriptions, "seats", "Set the seat count from now, prorated both ways")
    .argument("<id>", "the subscription's id")
    .requiredOption("--seats <n>", "the new seat count of that kind", integer)
    .option("--tier <id>", "one of the plan's tiers (default the plan's own seat)")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: SeatOptions, command: Command) =>
      run(command, async (client) => {
        const sub = await client.subscriptions.changeSeats(
          id,
          { seats: options.seats, ...(options.tier === undefined ? {} : { tier: options.tier }) },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: sub, text: () => subscriptionText(sub) };
      }),
    );

  clientCommand(subscriptions, "plan", "Move to another plan: an upgrade now, a downgrade later")
    .argument("<id>", "the subscription's id")
    .requiredOption("--plan <id>", "the plan")
    .option("--plan-version <n>", "a version of it (default the latest)", integer)
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: PlanChangeOptions, command: Command) =>
      run(command, async (client) => {
        const sub = await client.subscriptions.changePlan(
          id,
          {
            plan: options.plan,
            ...(options.planVersion === undefined ? {} : { plan_version: options.planVersion }),
          },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: sub, text: () => subscriptionText(sub) };
      }),
    );

  registerSeatCommands(subscriptions);

  const topUps = program.command("top-ups").description("Credits bought now, on the invoice");
  clientCommand(topUps, "buy", "Buy a pack of the plan's, or an amount at its price")
    .requiredOption("--subscription <id>", "the subscription billed")
    .option("--pack <id>", "one of the plan's packs")
    .option("--credits <credits>", "or an amount, at the plan's top-up price")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: TopUpOptions, command: Command) =>
      run(command, async (client) => {
        const bought = await client.topUps.buy(
          {
            subscription: options.subscription,
            ...(options.pack === undefined ? {} : { pack: options.pack }),
            ...(options.credits === undefined ? {} : { credits: options.credits }),
          },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: bought, text: () => detail(bought) };
      }),
    );

  clientCommand(subscriptions, "auto-top-up", "Buy a top-up whenever the pool falls below a level")
    .argument("<id>", "the subscription's id")
    .option("--threshold <credits>", "buy when the pool's available falls below this")
    .option("--pack <id>", "one of the plan's packs")
    .option("--credits <credits>", "or an amount, at the plan's top-up price")
    .option("--max-per-period <n>", "at most this many purchases a period", integer, 1)
    .option("--off", "remove the rule")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((id: string, options: AutoTopUpOptions, command: Command) =>
      run(command, async (client) => {
        if (!options.off && options.threshold === undefined)
          throw new CliError(
            "invalid_request",
            "Name --threshold, or --off to remove the rule.",
            "--threshold",
          );
        const rule = options.off
          ? null
          : {
              threshold: options.threshold ?? "",
              ...(options.pack === undefined ? {} : { pack: options.pack }),
              ...(options.credits === undefined ? {} : { credits: options.credits }),
              max_per_period: options.maxPerPeriod,
            };
        const sub = await client.subscriptions.setAutoTopUp(
          id,
          { auto_top_up: rule },
          { idempotencyKey: options.idempotencyKey },
        );
        return { answer: sub, text: () => subscriptionText(sub) };
      }),
    );

  for (const act of ["cancel", "resume"] as const) {
    const description =
      act === "cancel"
        ? "End the subscription at its period's end"
        : "Undo a cancellation while the period runs";
    clientCommand(subscriptions, act, description)
      .argument("<id>", "the subscription's id")
      .option("--idempotency-key <key>", "make a retry of this command safe")
      .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
        run(command, async (client) => {
          const sub = await client.subscriptions[act](id, {
            idempotencyKey: options.idempotencyKey,
          });
          return { answer: sub, text: () => subscriptionText(sub) };
        }),
      );
  }

  const invoices = program.command("invoices").description("One bill per subscription and period");

  paged(clientCommand(invoices, "list", "List invoices"))
    .option("--subscription <id>", "only this subscription's")
    .action(
      (
        options: { limit?: number; startingAfter?: string; subscription?: string },
        command: Command,
      ) =>
        run(command, async (client) => {
          const page = await client.invoices.list({
            limit: options.limit,
            starting_after: options.startingAfter,
            subscription: options.subscription,
          });
          return {
            answer: page,
            text: () =>
              table(page.data, invoiceColumns) + more(page.has_more, page.data.at(-1)?.id),
          };
        }),
    );

  clientCommand(invoices, "get", "Show an invoice and its lines")
    .argument("<id>", "the invoice's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const invoice = await client.invoices.get(id);
        return { answer: invoice, text: () => invoiceText(invoice) };
      }),
    );

  clientCommand(invoices, "html", "Print an invoice as a printable HTML page")
    .argument("<id>", "the invoice's id")
    .action((id: string, _options: unknown, command: Command) =>
      run(command, async (client) => {
        const page = await client.invoices.html(id);
        // The page ends with a newline already; `run` adds one after the text.
        return { answer: page, text: () => page.replace(/\n$/, "") };
      }),
    );

  for (const mark of ["pay", "void"] as const) {
    const description =
      mark === "pay" ? "Mark a finalized invoice paid" : "Void a finalized invoice";
    clientCommand(invoices, mark, description)
      .argument("<id>", "the invoice's id")
      .option("--idempotency-key <key>", "make a retry of this command safe")
      .action((id: string, options: { idempotencyKey?: string }, command: Command) =>
        run(command, async (client) => {
          const invoice = await client.invoices[mark](id, {
            idempotencyKey: options.idempotencyKey,
          });
          return { answer: invoice, text: () => invoiceText(invoice) };
        }),
      );
  }
}

/** One `--tier-seats premium=3`, added to those before it. */
function tierSeat(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const found = /^([^=]+)=(\d+)$/.exec(value);
  if (found === null) throw new InvalidArgumentError("Expected tier=count, e.g. premium=3.");
  return { ...previous, [found[1] ?? ""]: Number(found[2]) };
}

interface SeatOptions {
  readonly seats: number;
  readonly tier?: string;
  readonly idempotencyKey?: string;
}

interface StartOptions {
  readonly plan: string;
  readonly planVersion?: number;
  readonly seats?: number;
  readonly tierSeats?: Record<string, number>;
  readonly pool?: string;
  readonly anchorAt?: string;
  readonly timeZone?: string;
  readonly seatAccess?: "open" | "assigned";
  readonly idempotencyKey?: string;
}

interface PlanChangeOptions {
  readonly plan: string;
  readonly planVersion?: number;
  readonly idempotencyKey?: string;
}

interface AutoTopUpOptions {
  threshold?: string;
  pack?: string;
  credits?: string;
  maxPerPeriod: number;
  off?: boolean;
  idempotencyKey?: string;
}

interface TopUpOptions {
  readonly subscription: string;
  readonly pack?: string;
  readonly credits?: string;
  readonly idempotencyKey?: string;
}
