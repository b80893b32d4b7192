/**
 * Writes `packages/sdk/src/openapi.ts`, the SDK's types, from the server's own OpenAPI document.
 * The document is built in process (an app over an empty memory store, no socket), turned into
 * types by openapi-typescript and formatted by the repository's Biome, so the committed file is
 * byte for byte what this script makes; `test/generated.test.ts` keeps it so.
 *
 *   node --import tsx packages/sdk/scripts/generate.ts          writes the file
 *   node --import tsx packages/sdk/scripts/generate.ts --check  exits 1 when it is stale
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { apiDependencies } from "../../server/src/compose.ts";
import { Engine } from "../../server/src/engine/engine.ts";
import { createApp } from "../../server/src/http/app.ts";
import { Metrics } from "../../server/src/http/metrics.ts";
import { seededRandomFill, ulidIdSource } from "../../server/src/ids.ts";
import { MemoryStore } from "../../server/src/store/memory/memory-store.ts";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const generatedPath = fileURLToPath(new URL("../src/openapi.ts", import.meta.url));
const generatedPathInRepository = "packages/sdk/src/openapi.ts";

const header = `/**
 * The HTTP API's types, generated from the server's OpenAPI document by
 * packages/sdk/scripts/generate.ts. Do not edit: change the server's schemas and regenerate.
 */
`;

/** The server's OpenAPI document, as \`GET /openapi.json\` answers it. */
export async function openApiDocument(): Promise<unknown> {
  const store = new MemoryStore();
  const clock = () => 0;
  const fillRandom = seededRandomFill(1);
  const engine = new Engine({ store, clock, ids: ulidIdSource(clock, fillRandom) });
  const app = createApp(
    apiDependencies({
      engine,
      store,
      clock,
      ids: ulidIdSource(clock, fillRandom),
      fillRandom,
      metrics: new Metrics(),
    }),
  );
  const response = await app.request("/openapi.json");
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  const document: unknown = await response.json();
  await engine.close();
  await store.close();
  return document;
}

/** The text of `src/openapi.ts` as it should be committed. */
export async function generateTypes(): Promise<string> {
  const document = (await openApiDocument()) as Parameters<typeof openapiTS>[0];
  const types = astToString(await openapiTS(document, { silent: true, defaultNonNullable: false }));
  return formatWithBiome(header + types);
}

function formatWithBiome(source: string): string {
  const biome = fileURLToPath(new URL("node_modules/.bin/biome", `file://${repositoryRoot}`));
  const result = spawnSync(
    biome,
    ["check", "--write", `--stdin-file-path=${generatedPathInRepository}`],
    { cwd: repositoryRoot, input: source, encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new Error(`biome could not format the generated types:\n${result.stderr}`);
  }
  return result.stdout;
}

async function main(argv: readonly string[]): Promise<void> {
  const text = await generateTypes();
  if (argv.includes("--check")) {
    const committed = readFileSync(generatedPath, "utf8");
    if (committed !== text) {
      process.stderr.write(`${generatedPathInRepository} is stale: run the generator.\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(generatedPath, text);
  process.stdout.write(`wrote ${generatedPathInRepository}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv.slice(2));
}
