/**
 * The SDK's types are the server's schemas: regenerating them from the server's OpenAPI
 * document must give the committed file byte for byte.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { generatedPath, generateTypes } from "../scripts/generate.ts";

describe("generated types", () => {
  it("match the server's OpenAPI document (run packages/sdk/scripts/generate.ts if not)", async () => {
    const committed = readFileSync(generatedPath, "utf8");
    const regenerated = await generateTypes();
    assert.ok(
      committed === regenerated,
      "packages/sdk/src/openapi.ts is stale: run `node --import tsx packages/sdk/scripts/generate.ts`",
    );
  });
});
