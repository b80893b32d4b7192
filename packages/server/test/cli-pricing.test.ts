/**
 * Pricing from the command line, against the real `creditpool serve` on loopback: a rate card
 * published from the shipped model catalog, quotes, holds sized by a quote and captured by usage,
 * priced usage events and outcomes, and the exact decimal conversion behind the publish command.
 * The numbers are the worked examples of docs/concepts/pricing.md.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { parseRational, rational } from "@creditpool/core";
import { CreditpoolClient } from "@creditpool/sdk";
import fc from "fast-check";
import { creditsPerUnitDecimal } from "../src/cli/client/pricing.ts";
import { type Served, serveForTest } from "./support/served.ts";

const bin = fileURLToPath(new URL("../bin/creditpool.js", import.meta.url));
const operatorKey = "cpk_cliPricingOperatorKey000000000";

describe("credits per unit as an exact decimal", () => {
  const rows: [string, bigint, bigint, string][] = [
    ["300 micro-credits a token (gpt-4o input at $0.01, +20%)", 300n, 1n, "0.0003"],
    ["0.6 micro-credits a token (gpt-5-nano cached input)", 3n, 5n, "0.0000006"],
    ["2.5 credits a unit", 2_500_000n, 1n, "2.5"],
    ["a whole number of credits has no point", 2_000_000n, 1n, "2"],
    ["nothing is 0", 0n, 1n, "0"],
    ["1/1024 micro-credit", 1n, 1024n, "0.0000000009765625"],
  ];
  for (const [name, numerator, denominator, expected] of rows) {
    it(name, () => {
      assert.equal(creditsPerUnitDecimal(rational(numerator, denominator)), expected);
    });
  }

  it("refuses a price with no exact decimal instead of rounding it", () => {
    assert.throws(() => creditsPerUnitDecimal(rational(1n, 3n)), RangeError);
  });

  it("parses back to the same micro-credits, for any denominator of 2s and 5s", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (numerator, twos, fives) => {
          const price = rational(numerator, 2n ** BigInt(twos) * 5n ** BigInt(fives));
          const parsed = parseRational(creditsPerUnitDecimal(price));
          assert.ok(parsed !== null);
          assert.deepEqual(rational(parsed.numerator * 1_000_000n, parsed.denominator), price);
        },
      ),
    );
  });
});

interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe("pricing from the command line", () => {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-cli-pricing-"));
  let served: Served;
  let url = "";
  let ownerKey = "";
  let rootPool = "";
  let client: CreditpoolClient;
  let version = "";

  const cli = (...args: string[]): CliRun => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, CREDITPOOL_URL: url, CREDITPOOL_KEY: ownerKey },
      encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const ok = (...args: string[]): string => {
    const run = cli(...args);
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
  };
  const json = (...args: string[]): Record<string, unknown> =>
    JSON.parse(ok(...args, "--json")) as Record<string, unknown>;

  before(async () => {
    served = await serveForTest(operatorKey);
    url = served.url;
    const operator = new CreditpoolClient({ baseUrl: url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Priced" });
    ownerKey = created.owner_key.secret ?? "";
    rootPool = created.organization.root_pool;
    client = new CreditpoolClient({ baseUrl: url, apiKey: ownerKey });
    await client.grants.create({ pool: rootPool, amount: "1000", source: "purchase" });

    const published = ok("rate-cards", "publish", "--credit-value", "0.01", "--markup", "0.2");
    version = /^version +(rc_\S+)$/m.exec(published)?.[1] ?? "";
    assert.match(published, /^prices +72$/m);
  });

  after(async () => {
    await served.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("publishes the shipped catalog exactly: gpt-4o input at $2.50/M is 0.0003 credits a token", async () => {
    const [card] = (await client.rateCards.list()).data;
    assert.equal(card?.id, version);
    const input = card?.prices.find(
      (price) => price.meter === "input_tokens" && price.dimensions.model === "gpt-4o",
    );
    // The list price is what the provider charges: its cost, $2.50 per million tokens.
    assert.deepEqual(input?.tiers, [
      { up_to: null, credits_per_unit: "0.0003", cost_per_unit: "0.0000025" },
    ]);
    assert.equal(card?.cost_currency, "USD");
  });

  it("quotes 1,000,000 gpt-4o input tokens at 300 credits, with the version", () => {
    const quote = ok(
      ...["quotes", "create", "--quantity", "input_tokens=1000000", "--dimension", "model=gpt-4o"],
    );
    assert.match(quote, /^amount +300$/m);
    assert.match(quote, new RegExp(`^rate card version +${version}$`, "m"));
    assert.match(quote, /^expires at +\d{4}-\d{2}-\d{2}T/m);
  });

  it("holds a streamed claude-sonnet-4-5 call by its quote and captures the actual usage", () => {
    const sonnet = ["--dimension", "model=claude-sonnet-4-5"];
    const tokens = (output: number) => [
      ...["--quantity", "input_tokens=1234", "--quantity", "cached_input_tokens=8192"],
      ...["--quantity", `output_tokens=${output}`, ...sonnet],
    ];
    // 1,234 x 0.00036 + 8,192 x 0.000036 + 4,096 x 0.0018 = 0.44424 + 0.294912 + 7.3728.
    const quote = json("quotes", "create", ...tokens(4096));
    assert.deepEqual([quote.amount, quote.rate_card_version], ["8.111952", version]);
    const held = json("holds", "create", "--pool", rootPool, "--quote", String(quote.id));
    const hold = held.hold as Record<string, unknown>;
    assert.deepEqual([hold.amount, hold.rate_card_version], ["8.111952", version]);
    // The stream stopped at 517 output tokens: 0.44424 + 0.294912 + 0.9306.
    const captured = ok("holds", "capture", String(hold.id), ...tokens(517));
    assert.match(captured, /^captured +1\.669752$/m);
    assert.match(captured, /^status +captured$/m);
    // At list prices: 1,234 x $3/M + 8,192 x $0.30/M + 517 x $15/M = $0.0139146, rounded once.
    const span = ["--from", "2000-01-01T00:00:00Z", "--to", "2199-01-01T00:00:00Z"];
    const margin = json("reports", "margin", ...span, "--group-by", "rate_card");
    const groups = margin.groups as Record<string, string>[];
    const row = groups.find((group) => group.group === version);
    assert.deepEqual([row?.credits, row?.provider_cost], ["1.669752", "0.013915"]);
    assert.equal(margin.cost_currency, "USD");
  });

  it("rounds an event once: 1,001 cached gpt-5-nano tokens at 0.6 micro-credits cost 601, not 1,001", () => {
    const quote = json(
      ...["quotes", "create", "--quantity", "input_tokens=10", "--quantity"],
      ...["cached_input_tokens=1001", "--quantity", "output_tokens=100"],
      ...["--dimension", "model=gpt-5-nano"],
    );
    // 10 x 6 + 1,001 x 0.6 + 100 x 48 = 5,460.6 micro-credits, rounded half up once to 5,461.
    assert.equal(quote.amount, "0.005461");
  });

  it("holds by usage priced now, and refuses to be given two sizes", () => {
    const usage = ["--quantity", "output_tokens=1000", "--dimension", "model=gpt-4o"];
    const held = json("holds", "create", "--pool", rootPool, ...usage);
    assert.equal((held.hold as Record<string, unknown>).amount, "1.2");
    const both = cli("holds", "create", "--pool", rootPool, "--amount", "1", ...usage);
    assert.deepEqual(
      [both.status, both.stderr],
      [1, "error invalid_request: Pass one of --amount, --quote or --quantity. (--amount)\n"],
    );
  });

  it("records a priced usage event: 1,200 in + 300 out of gpt-4o = 0.36 + 0.36", async () => {
    const event = [
      ...["usage", "record", "--pool", rootPool, "--id", "chat-1"],
      ...["--quantity", "input_tokens=1200", "--quantity", "output_tokens=300"],
      ...["--dimension", "model=gpt-4o"],
    ];
    assert.match(ok(...event), /^chat-1 +recorded +ok/m);
    assert.match(ok(...event), /^chat-1 +duplicate +ok/m);
    const journal = await client.transfers.list({ pool: rootPool });
    const usage = journal.data.filter((transfer) => transfer.kind === "usage");
    assert.deepEqual(
      usage.map((transfer) => [transfer.amount, transfer.rate_card_version]),
      [["0.72", version]],
    );
  });

  it("bills an outcome key once, whatever the event ids", () => {
    const outcome = (id: string) => [
      ...["usage", "record", "--pool", rootPool, "--id", id, "--outcome-key", "document-7"],
      ...["--quantity", "input_tokens=5000", "--dimension", "model=gpt-4o"],
    ];
    assert.match(ok(...outcome("doc-7-a")), /^doc-7-a +recorded +ok/m);
    assert.match(ok(...outcome("doc-7-b")), /^doc-7-b +duplicate +ok/m);
  });

  it("refuses a meter the rate card does not price, naming it", () => {
    const refused = cli("quotes", "create", "--quantity", "images=1");
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^error meter_not_priced: .*\(usage\.quantities\.images\)\n$/);
  });

  it("publishes a file and lists the versions as a table and as JSON", async () => {
    const file = join(directory, "rate-card.json");
    const body = {
      effective_at: "2099-01-01T00:00:00Z",
      minimum_charge: "0.01",
      prices: [{ meter: "document.analyzed", credits_per_unit: "2" }],
    };
    writeFileSync(file, JSON.stringify(body));
    const next = json("rate-cards", "publish", "--file", file);
    assert.deepEqual([next.in_force, next.minimum_charge], [false, "0.01"]);

    const [header = "", ...rows] = ok("rate-cards", "list").trimEnd().split("\n");
    assert.match(header, /^ID +EFFECTIVE AT +IN FORCE +MINIMUM +PRICES$/);
    assert.equal(rows.length, 2);
    assert.match(rows[0] ?? "", new RegExp(`^${version} +\\S+ +yes +0 +72$`));
    assert.match(rows[1] ?? "", new RegExp(`^${String(next.id)} +2099-01-01T\\S+ +no +0\\.01 +1$`));
    assert.deepEqual(json("rate-cards", "list"), await client.rateCards.list());
  });
});

/** A port that was free a moment ago: bind to port 0, read it, let it go. */
