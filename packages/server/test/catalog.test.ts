/** The shipped model catalog is well formed and turns into a rate card that prices every model. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { type Catalog, credits, pricesFromCatalog, priceUsage } from "@creditpool/core";

const catalog = JSON.parse(
  readFileSync(new URL("../catalog/ai-models.json", import.meta.url), "utf8"),
) as Catalog;

it("every model has prices, an effective date and a source", () => {
  assert.ok(catalog.models.length >= 20);
  for (const model of catalog.models) {
    assert.match(model.effective, /^\d{4}-\d{2}-\d{2}$/, model.model);
    assert.ok(model.source.length > 0, model.model);
    assert.ok(Object.keys(model.per_million).length >= 1, model.model);
    for (const price of Object.values(model.per_million)) assert.match(price, /^\d+(\.\d+)?$/);
  }
  const names = catalog.models.map((model) => model.model);
  assert.equal(new Set(names).size, names.length, "model names are unique");
});

it("at $0.01 a credit and no markup, a million gpt-4o input tokens cost 250 credits", () => {
  const prices = pricesFromCatalog(catalog, { creditValue: "0.01", markup: "0" });
  const card = { id: "rc_catalog", effectiveAt: 0, minimumCharge: 0n, prices, costCurrency: "USD" };
  const result = priceUsage(card, {
    quantities: { input_tokens: 1_000_000n },
    dimensions: { model: "gpt-4o" },
  });
  assert.ok(result.ok);
  assert.equal(result.amount, credits("250"));
  // The provider charges the list price: $2.50, in micro-dollars.
  assert.equal(result.cost?.amount, 2_500_000n);
});

it("an output ceiling, where a model has one, is a whole number with its source", () => {
  const listed = catalog.models.filter((model) => model.max_output_tokens !== undefined);
  assert.ok(listed.length >= 18);
  for (const model of listed) {
    assert.ok(Number.isInteger(model.max_output_tokens), model.model);
    assert.ok((model.max_output_tokens_source ?? "").length > 0, model.model);
  }
});
