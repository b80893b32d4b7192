/**
 * The model catalog shipped with the server (`catalog/ai-models.json`), read once: list prices,
 * and each model's provider and output ceiling. The gateway sizes requests with it and routing
 * policies check the models they name against it (or against the rate card in force).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Catalog, type CatalogModel, limits } from "@creditpool/core";

/** Where the shipped catalog is, from `src/` and from the compiled `dist/` alike. */
export const modelCatalogPath = fileURLToPath(
  new URL("../catalog/ai-models.json", import.meta.url),
);

let loaded: ReadonlyMap<string, CatalogModel> | null = null;

function catalogModels(): ReadonlyMap<string, CatalogModel> {
  if (loaded === null) {
    const catalog = JSON.parse(readFileSync(modelCatalogPath, "utf8")) as Catalog;
    loaded = new Map(catalog.models.map((model) => [model.model, model]));
  }
  return loaded;
}

/** The catalog's entry for a model, or null when it does not list it. */
export function catalogModel(model: string): CatalogModel | null {
  return catalogModels().get(model) ?? null;
}

/**
 * The most output tokens one request to the model may produce: the catalog's figure, or
 * `limits.outputTokensDefault` for a model it does not list (or lists without one).
 */
export function outputCeilingOf(model: string): number {
  return catalogModel(model)?.max_output_tokens ?? limits.outputTokensDefault;
}
