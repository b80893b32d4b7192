/**
 * What every example shares: where the server is (from the environment), an organization of its
 * own made with the operator key, a clock moved to a fixed calendar day, and a plain-text summary.
 *
 * An example is a `play(target, out)` function that sets its model up through the SDK, plays a
 * short scenario and answers the figures it printed; `runIfMain` runs it from the command line.
 */
import { CreditpoolClient, CreditpoolError } from "@creditpool/sdk";

/** A running creditpool server and the operator key it printed at its first start. */
export interface ExampleTarget {
  readonly url: string;
  readonly operatorKey: string;
  /** The provider the gateway examples call: `creditpool fake-upstream` unless told otherwise. */
  readonly upstreamUrl: string;
}

/** Where an example writes its summary: a line at a time. */
export interface Output {
  line(text?: string): void;
}

export const stdout: Output = { line: (text = "") => process.stdout.write(`${text}\n`) };

export function targetFromEnvironment(env: NodeJS.ProcessEnv = process.env): ExampleTarget {
  const operatorKey = env.CREDITPOOL_OPERATOR_KEY ?? "";
  if (operatorKey === "") {
    throw new Error(
      "CREDITPOOL_OPERATOR_KEY is not set: export the operator key `npm start` printed at its first start",
    );
  }
  return {
    url: env.CREDITPOOL_URL ?? "http://127.0.0.1:8080",
    operatorKey,
    upstreamUrl: env.CREDITPOOL_UPSTREAM_URL ?? "http://127.0.0.1:8787",
  };
}

/** Runs `play` when the file is the program itself (`npx tsx examples/<name>/run.ts`). */
export function runIfMain(
  moduleUrl: string,
  play: (target: ExampleTarget, out: Output) => Promise<unknown>,
): void {
  const main = process.argv[1];
  if (main === undefined || !moduleUrl.endsWith(main.replaceAll("\\", "/"))) return;
  Promise.resolve()
    .then(() => play(targetFromEnvironment(), stdout))
    .catch((error: unknown) => {
      process.stderr.write(`${describeFailure(error)}\n`);
      process.exitCode = 1;
    });
}

function describeFailure(error: unknown): string {
  if (error instanceof CreditpoolError) {
    const where = error.param === undefined ? "" : ` (${error.param})`;
    return `creditpool answered ${error.status} ${error.code}${where}: ${error.message}`;
  }
  if (error instanceof Error && "cause" in error && error.cause instanceof Error) {
    return `${error.message}: ${error.cause.message} (is the server running?)`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function clientFor(target: ExampleTarget, apiKey: string): CreditpoolClient {
  return new CreditpoolClient({ baseUrl: target.url, apiKey });
}

/** A fresh organization for the example (a suffix keeps reruns apart), and its owner's client. */
export async function newOrganization(
  target: ExampleTarget,
  name: string,
): Promise<{ owner: CreditpoolClient; rootPool: string; ownerKey: string }> {
  const operator = clientFor(target, target.operatorKey);
  const created = await operator.organizations.create({
    name: `${name} ${new Date().toISOString().slice(0, 19)}`,
  });
  const ownerKey = created.owner_key.secret ?? "";
  return { owner: clientFor(target, ownerKey), rootPool: created.organization.root_pool, ownerKey };
}

/**
 * Moves the organization's clock to 1 January 00:00 UTC of next year (always within the 366 days
 * a test clock may move at once), so a month in the scenario is January's 31 days and the
 * figures are the same whichever day the example runs.
 */
export async function startOnNextFirstOfJanuary(owner: CreditpoolClient): Promise<Calendar> {
  const year = new Date().getUTCFullYear() + 1;
  const clock = await owner.testClocks.create();
  const calendar = new Calendar(owner, clock.id, year);
  await calendar.moveTo(0, 0);
  return calendar;
}

/** The organization's test clock, read as days from 1 January of the example's year. */
export class Calendar {
  constructor(
    private readonly owner: CreditpoolClient,
    private readonly clock: string,
    readonly year: number,
  ) {}

  /** The instant `month` (0 = January) `day` (1-based) at `hour`:00 UTC. */
  at(month: number, day: number, hour = 0): string {
    return new Date(Date.UTC(this.year, month, day, hour)).toISOString();
  }

  /** Moves the clock to day `day` of January (0: the 1st), or of `month` with a later day. */
  async moveTo(day: number, hour = 0, month = 0): Promise<string> {
    const to = this.at(month, day + 1, hour);
    await this.owner.testClocks.advance(this.clock, { to });
    return to;
  }
}

/** Credits as people read them: thousands separated, at most six decimals, no trailing zeros. */
export function credits(amount: string): string {
  const [whole = "0", fraction = ""] = amount.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const decimals = fraction.replace(/0+$/, "");
  return `${sign}${digits}${decimals === "" ? "" : `.${decimals}`}`;
}

/** Minor units of a currency as money: "13548" USD is "$135.48". */
export function money(minor: string | number, currency = "USD"): string {
  const cents = BigInt(minor);
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  const symbol = currency === "USD" ? "$" : `${currency} `;
  return `${sign}${symbol}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** A table of aligned columns under a heading; numbers (right-aligned) when they look like it. */
export function printTable(
  out: Output,
  heading: string,
  rows: readonly (readonly string[])[],
): void {
  out.line(heading);
  const widths = rows.reduce<number[]>(
    (acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)),
    [],
  );
  for (const row of rows) {
    const cells = row.map((cell, i) =>
      /^[-$]?[\d,.]+%?$/.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
    );
    out.line(`  ${cells.join("  ").trimEnd()}`);
  }
  out.line();
}

/** The subscription's finalized invoice: the month the scenario played, once it has renewed. */
export async function finalizedInvoice(owner: CreditpoolClient, subscription: string) {
  const invoices = await owner.invoices.list({ subscription });
  const invoice = invoices.data.find((each) => each.status === "finalized");
  if (invoice === undefined) throw new Error("January's invoice is not finalized");
  return invoice;
}

type Invoice = Awaited<ReturnType<typeof finalizedInvoice>>;

/** The invoice as a table: a row a line, then the total. */
export function printInvoice(out: Output, heading: string, invoice: Invoice): void {
  printTable(out, `${heading} (${invoice.status})`, [
    ...invoice.lines.map((line) => [line.description, money(line.amount, invoice.currency)]),
    ["total", money(invoice.total, invoice.currency)],
  ]);
}

/** An invoice's lines as a test reads them: kind, quantity and amount in minor units. */
export function invoiceLines(invoice: Invoice): string[] {
  return invoice.lines.map((line) => `${line.kind} ${line.quantity} ${line.amount}`);
}

/** Credits consumed in the span by each member, by name, biggest first (the top consumers). */
export async function consumedByMember(
  owner: CreditpoolClient,
  from: string,
  to: string,
): Promise<Record<string, string>> {
  const top = await owner.reports.topConsumers({ from, to, by: "member", limit: 10 });
  const consumed: Record<string, string> = {};
  for (const row of top.consumers) consumed[row.name ?? row.id] = row.credits;
  return consumed;
}

/** Who holds the subscription's seats, by the names given to member ids, sorted. */
export async function seatHolders(
  owner: CreditpoolClient,
  subscription: string,
  names: ReadonlyMap<string, string>,
): Promise<string[]> {
  const assignments = await owner.subscriptions.listAssignments(subscription);
  return assignments.data.map((each) => names.get(each.member) ?? each.member).sort();
}

/** A decimal amount of credits as micro-credits. */
export function micros(amount: string): bigint {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = ""] = amount.replace("-", "").split(".");
  const value = BigInt(`${whole}${fraction.padEnd(6, "0")}`);
  return negative ? -value : value;
}

/** Micro-credits as a decimal amount of credits, with no trailing zeros. */
export function fromMicros(value: bigint): string {
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  const fraction = String(abs % 1_000_000n)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sign}${abs / 1_000_000n}${fraction === "" ? "" : `.${fraction}`}`;
}
