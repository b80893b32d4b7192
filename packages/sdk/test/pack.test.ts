/**
 * The SDK as its users get it: packed by `npm pack` (which builds it), installed from the tarball
 * into an empty folder outside the repository, and the README's SDK example run there with plain
 * `node` against a real creditpool server. The installed declarations are type-checked there too,
 * as a project of the user's own would be.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pino from "pino";
import { type RunningServer, startServer } from "../../server/src/server.ts";
import { CreditpoolClient } from "../src/index.ts";

const run = promisify(execFile);
const sdkDirectory = fileURLToPath(new URL("..", import.meta.url));
const root = fileURLToPath(new URL("../../..", import.meta.url));
const operatorKey = "cpk_packOperatorKeyForTheSdkTests00000";

/**
 * The environment of a user's shell: none of the `npm_*` settings or `NODE_OPTIONS` that
 * `npm test` hands its children, which would point npm back at this repository or load tsx.
 */
function userEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.toLowerCase().startsWith("npm_") && name !== "NODE_OPTIONS",
    ),
  );
  return { ...env, ...extra };
}

/** The README's SDK example: the TypeScript block of the five-minute tour. */
function readmeSnippet(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const tour = readme.slice(readme.indexOf("## Five-minute tour"));
  const snippet = /```ts\n([\s\S]*?)```/.exec(tour)?.[1] ?? "";
  assert.ok(snippet.includes('from "@creditpool/sdk"'), "no SDK example in the README's tour");
  return snippet;
}

const directory = mkdtempSync(join(tmpdir(), "creditpool-sdk-pack-"));
const app = join(directory, "app");
let server: RunningServer | null = null;

before(async () => {
  const packed = await run("npm", ["pack", "--json", "--pack-destination", directory], {
    cwd: sdkDirectory,
    env: userEnvironment(),
  });
  const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  assert.ok(tarball !== undefined);
  const files = tarball.files.map((file) => file.path);
  assert.ok(files.includes("dist/index.js") && files.includes("dist/index.d.ts"), String(files));
  assert.deepEqual(
    files.filter((path) => !/^dist\/[\w-]+\.(js|d\.ts)$/.test(path)),
    ["README.md", "package.json"],
    "the tarball holds the compiled files, the README and package.json only",
  );
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "sdk-user", "private": true }\n');
  await run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", join(directory, tarball.filename)],
    { cwd: app, env: userEnvironment() },
  );
});

after(async () => {
  await server?.close();
  rmSync(directory, { recursive: true, force: true });
});

it("the README's SDK example runs with plain node from the installed tarball", async () => {
  server = await startServer({
    database: ":memory:",
    port: 0,
    operatorKey,
    logger: pino({ level: "silent" }),
  });
  const operator = new CreditpoolClient({ baseUrl: server.url, apiKey: operatorKey });
  const { organization, owner_key } = await operator.organizations.create({ name: "Acme" });
  const owner = new CreditpoolClient({ baseUrl: server.url, apiKey: owner_key.secret ?? "" });
  await owner.grants.create({ pool: organization.root_pool, amount: "1000", source: "purchase" });
  const team = await owner.pools.create({
    parent: organization.root_pool,
    name: "Platform",
    limit: { amount: "500", kind: "hard", period: "month" },
  });

  const snippet = readmeSnippet();
  assert.ok(snippet.includes('"http://127.0.0.1:8080"'));
  writeFileSync(
    join(app, "tour.mjs"),
    snippet.replace('"http://127.0.0.1:8080"', `"${server.url}"`),
  );
  const tour = await run(process.execPath, ["tour.mjs"], {
    cwd: app,
    env: userEnvironment({ KEY: owner_key.secret ?? "", TEAM: team.id }),
  });
  assert.match(tour.stdout, /available: '490\.25'/);
  assert.match(tour.stdout, /consumed_this_period: '9\.75'/);
  const pool = await owner.pools.get(team.id);
  assert.equal(pool.consumed_this_period, "9.75");
});

it("the installed declarations type-check the README's example, without Node.js types", async () => {
  // The SDK runs in browsers as well: its declarations need the DOM's fetch types only. The
  // example reads process.env, declared here as a browser bundler would provide it.
  writeFileSync(join(app, "tour.mts"), readmeSnippet());
  writeFileSync(join(app, "env.d.ts"), "declare const process: { env: Record<string, string> };\n");
  const compilerOptions = {
    noEmit: true,
    strict: true,
    module: "nodenext",
    target: "es2022",
    lib: ["es2022", "dom"],
    types: [],
  };
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({ compilerOptions, files: ["tour.mts", "env.d.ts"] }),
  );
  const tsc = join(root, "node_modules/typescript/bin/tsc");
  await run(process.execPath, [tsc, "-p", "tsconfig.json"], {
    cwd: app,
    env: userEnvironment(),
  }).catch((error: { stdout?: string }) => assert.fail(`tsc: ${error.stdout ?? String(error)}`));
});
