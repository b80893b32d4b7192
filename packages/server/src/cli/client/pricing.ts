import { fileURLToPath } from "node:url";
import {
  type Catalog,
  exactDecimal,
  type MeterPrice,
  pricesFromCatalog,
  type Rational,
} from "@creditpool/core";
import type { CreateRateCard, RateCard } from "@creditpool/sdk";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { CliError, clientCommand, readJson, run } from "./context.ts";
import { type Column, fields, table } from "./table.ts";

/** The model catalog shipped with the server: list prices per million tokens. */
export const catalogPathDefault = fileURLToPath(
  new URL("../../../catalog/ai-models.json", import.meta.url),
);

const microsPerCredit = 1_000_000n;

/**
 * Credits per unit as an exact decimal, from micro-credits per unit. Catalog prices are decimals,
 * so the denominator has only the factors 2 and 5: with 2^a 5^b, max(a, b) fractional digits are
 * exact. Any other factor would need rounding, which a price never gets, so it is refused.
 */
export function creditsPerUnitDecimal(price: Rational): string {
  if (price.numerator < 0n || price.denominator <= 0n) {
    throw new RangeError("a price is a non-negative rational with a positive denominator");
  }
  const decimal = exactDecimal(price.numerator, price.denominator * microsPerCredit);
  if (decimal === null) {
    throw new RangeError(`${price.numerator}/${price.denominator} has no exact decimal`);
  }
  return decimal;
}

/** A tier's cost per unit as the API's decimal of money, when it has one. */
function costOf(cost: Rational | undefined): { cost_per_unit?: string } {
  // Micro-units of money per unit convert as micro-credits do.
  return cost === undefined ? {} : { cost_per_unit: creditsPerUnitDecimal(cost) };
}

/**
 * A core price as the API's price: each tier's credits per unit as a decimal string, and its
 * cost per unit in money when it has one.
 */
export function apiPriceOf(price: MeterPrice): CreateRateCard["prices"][number] {
  const [only, ...more] = price.tiers;
  if (only !== undefined && only.upTo === null && more.length === 0) {
    return {
      meter: price.meter,
      dimensions: { ...price.dimensions },
      credits_per_unit: creditsPerUnitDecimal(only.price),
      ...costOf(only.cost),
    };
  }
  return {
    meter: price.meter,
    dimensions: { ...price.dimensions },
    tiers: price.tiers.map((tier) => ({
      up_to: tier.upTo === null ? null : Number(tier.upTo),
      credits_per_unit: creditsPerUnitDecimal(tier.price),
      ...costOf(tier.cost),
    })),
  };
}

/** Described usage: meter quantities and the dimensions that pick their prices. */
export interface UsageOptions {
  readonly quantity?: Readonly<Record<string, number>>;
  readonly dimension?: Readonly<Record<string, string>>;
}

function pair(value: string, what: string): [string, string] {
  const at = value.indexOf("=");
  if (at <= 0 || at === value.length - 1) {
    throw new InvalidArgumentError(`Expected ${what}, e.g. ${what.replace(/[<>]/g, "")}.`);
  }
  return [value.slice(0, at), value.slice(at + 1)];
}

function collectQuantity(value: string, previous: Record<string, number> = {}) {
  const [meter, count] = pair(value, "<meter>=<n>");
  if (!/^\d+$/.test(count) || !Number.isSafeInteger(Number(count))) {
    throw new InvalidArgumentError(`The quantity of ${meter} is not a whole number.`);
  }
  return { ...previous, [meter]: Number(count) };
}

function collectDimension(value: string, previous: Record<string, string> = {}) {
  const [key, text] = pair(value, "<key>=<value>");
  return { ...previous, [key]: text };
}

/** `--quantity <meter>=<n>` and `--dimension <key>=<value>`, each repeatable. */
export function usageOptions(command: Command): Command {
  return command
    .option(
      "--quantity <meter=n>",
      "usage to price, e.g. input_tokens=1200 (repeat)",
      collectQuantity,
    )
    .option(
      "--dimension <key=value>",
      "what picks the price, e.g. model=gpt-4o (repeat)",
      collectDimension,
    );
}

/** The described usage, or undefined when no `--quantity` was given. */
export function usageOf(
  options: UsageOptions,
): { quantities: Record<string, number>; dimensions: Record<string, string> } | undefined {
  if (options.quantity === undefined) {
    if (options.dimension !== undefined) {
      throw new CliError("invalid_request", "--dimension describes a --quantity.", "--quantity");
    }
    return undefined;
  }
  return { quantities: { ...options.quantity }, dimensions: { ...options.dimension } };
}

const rateCardColumns: readonly Column<RateCard>[] = [
  { header: "ID", value: (card) => card.id },
  { header: "EFFECTIVE AT", value: (card) => card.effective_at },
  { header: "IN FORCE", value: (card) => (card.in_force ? "yes" : "no") },
  { header: "MINIMUM", value: (card) => card.minimum_charge, align: "right" },
  { header: "PRICES", value: (card) => String(card.prices.length), align: "right" },
];

interface PublishOptions {
  readonly file?: string;
  readonly catalog?: string;
  readonly creditValue?: string;
  readonly markup?: string;
  readonly effectiveAt?: string;
  readonly minimumCharge?: string;
  readonly idempotencyKey?: string;
}

export function registerPricingCommands(program: Command): void {
  const rateCards = program
    .command("rate-cards")
    .description("Rate-card versions: what usage costs in credits");

  clientCommand(rateCards, "list", "Every version that applies, the one in force marked").action(
    (_options: unknown, command: Command) =>
      run(command, async (client) => {
        const list = await client.rateCards.list();
        return { answer: list, text: () => table(list.data, rateCardColumns) };
      }),
  );

  clientCommand(rateCards, "publish", "Publish a version, from a file or from the model catalog")
    .option("--file <path>", "a JSON rate card (the body of POST /v1/rate-cards); - reads stdin")
    .option("--catalog <path>", "a model catalog of list prices (default: the shipped one)")
    .option("--credit-value <money>", "what one credit sells for, e.g. 0.01")
    .option("--markup <fraction>", "added to list prices, e.g. 0.2 for 20%")
    .option("--effective-at <time>", "when it takes over (ISO 8601; default now)")
    .option("--minimum-charge <credits>", "the least a priced event costs")
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: PublishOptions, command: Command) =>
      run(command, async (client) => {
        const body = options.file === undefined ? fromCatalog(options) : fromFile(options.file);
        const card = await client.rateCards.create(body, {
          idempotencyKey: options.idempotencyKey,
        });
        return {
          answer: card,
          text: () =>
            fields([
              ["version", card.id],
              ["effective at", card.effective_at],
              ["minimum charge", card.minimum_charge],
              ["prices", String(card.prices.length)],
            ]),
        };
      }),
    );

  const quotes = program.command("quotes").description("Prices asked for before work runs");

  usageOptions(clientCommand(quotes, "create", "Price usage with the version in force"))
    .option("--idempotency-key <key>", "make a retry of this command safe")
    .action((options: UsageOptions & { idempotencyKey?: string }, command: Command) =>
      run(command, async (client) => {
        const usage = usageOf(options);
        if (usage === undefined) {
          throw new CliError("invalid_request", "Pass at least one --quantity.", "--quantity");
        }
        const quote = await client.quotes.create(
          { usage },
          { idempotencyKey: options.idempotencyKey },
        );
        return {
          answer: quote,
          text: () =>
            fields([
              ["id", quote.id],
              ["amount", quote.amount],
              ["rate card version", quote.rate_card_version],
              ["expires at", quote.expires_at],
            ]),
        };
      }),
    );
}

/** A rate card from a file; the API checks it. */
function fromFile(path: string): CreateRateCard {
  const parsed = readJson(path, "--file");
  if (typeof parsed !== "object" || parsed === null || !("prices" in parsed)) {
    throw new CliError("invalid_request", "Expected a rate card with prices.", "--file");
  }
  return parsed as CreateRateCard;
}

/** A rate card from catalog list prices, a credit value and a markup, converted exactly. */
function fromCatalog(options: PublishOptions): CreateRateCard {
  const { creditValue, markup } = options;
  if (creditValue === undefined || markup === undefined) {
    const message = "Pass --file, or --credit-value and --markup (with an optional --catalog).";
    throw new CliError("invalid_request", message, "--credit-value");
  }
  const path = options.catalog ?? catalogPathDefault;
  const catalog = readJson(path, "--catalog");
  if (
    typeof catalog !== "object" ||
    catalog === null ||
    !("models" in catalog) ||
    !Array.isArray(catalog.models)
  ) {
    throw new CliError("invalid_request", `${path} is not a model catalog.`, "--catalog");
  }
  let prices: MeterPrice[];
  try {
    prices = pricesFromCatalog(catalog as Catalog, { creditValue, markup });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new CliError("invalid_request", error.message, "--catalog");
  }
  // The catalog's list prices are what the provider charges: each price's cost, in its currency.
  const currency = (catalog as Catalog).currency;
  if (typeof currency !== "string")
    throw new CliError("invalid_request", `${path} names no currency.`, "--catalog");
  return {
    prices: prices.map(apiPriceOf),
    cost_currency: currency,
    ...(options.effectiveAt === undefined ? {} : { effective_at: options.effectiveAt }),
    ...(options.minimumCharge === undefined ? {} : { minimum_charge: options.minimumCharge }),
  };
}
