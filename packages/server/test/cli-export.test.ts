/**
 * The export's options of the compiled `creditpool serve`: listed in `--help` with their
 * environment variables, a mistyped one refused in one line before anything is written, and
 * `--export-nats` exporting a grant made over the API to the stream it names.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { bin, runCli } from "./support/cli.ts";
import { natsSkip, natsUrl, scratchNames, TestNats } from "./support/nats.ts";
import { freePort } from "./support/served.ts";

// First, before any test starts: the refusals below block the event loop while they run.
const skip = await natsSkip();
const directory = mkdtempSync(join(tmpdir(), "creditpool-cli-export-"));
after(() => rmSync(directory, { recursive: true, force: true }));

it("serve --help lists the export's options and their environment variables", () => {
  const help = runCli("serve", "--help");
  assert.equal(help.status, 0);
  for (const text of ["--export-nats <url>", "CREDITPOOL_EXPORT_NATS", "--export-stream"])
    assert.ok(help.stdout.includes(text), text);
});

for (const [what, args, env] of [
  ["a URL that is not nats://", ["--export-nats", "http://127.0.0.1:4222"], {}],
  ["the same in the environment", [], { CREDITPOOL_EXPORT_NATS: "127.0.0.1:4222" }],
  ["a stream name with a dot", ["--export-nats", natsUrl(), "--export-stream", "A.B"], {}],
  ["a subject prefix with a wildcard", ["--export-subject-prefix", "creditpool.*"], {}],
] as const) {
  it(`serve refuses ${what} in one line, writing nothing`, () => {
    const database = join(directory, `refused-${what.length}.db`);
    const run = spawnSync(process.execPath, [bin, "serve", "--database", database, ...args], {
      encoding: "utf8",
      env: { ...process.env, CREDITPOOL_OPERATOR_KEY: "", ...env },
      timeout: 60_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /export-(nats|stream|subject-prefix)/);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.equal(existsSync(database), false);
  });
}

type Made = { organization: { id: string; root_pool: string }; owner_key: { secret: string } };

describe("serve --export-nats", { skip }, () => {
  const names = scratchNames();
  let nats: TestNats | null = null;
  after(async () => {
    await nats?.drop(names.stream);
    await nats?.close();
  });

  it("exports a grant made over the API to the stream named", async () => {
    const port = await freePort();
    const operatorKey = "cpk_cli_export_test_operator_key_0123456789";
    const server = spawn(
      process.execPath,
      [
        bin,
        ...["serve", "--database", join(directory, "served.db"), "--port", String(port)],
        ...["--export-nats", natsUrl(), "--export-stream", names.stream],
        ...["--export-subject-prefix", names.subjectPrefix, "--export-duplicate-window", "60"],
      ],
      { env: { ...process.env, CREDITPOOL_OPERATOR_KEY: operatorKey }, stdio: "ignore" },
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      const post = async (path: string, key: string, body: unknown): Promise<unknown> => {
        for (let attempt = 0; ; attempt += 1) {
          try {
            const response = await fetch(`${url}${path}`, {
              method: "POST",
              headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
              body: JSON.stringify(body),
            });
            assert.ok(response.status < 300, await response.clone().text());
            return response.json();
          } catch (error) {
            if (attempt > 100 || !(error instanceof TypeError)) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
      };
      const made = (await post("/v1/organizations", operatorKey, { name: "Acme" })) as Made;
      const pool = made.organization.root_pool;
      const grant = (await post("/v1/grants", made.owner_key.secret, {
        pool,
        amount: "5",
        source: "purchase",
      })) as {
        id: string;
      };
      nats = await TestNats.open();
      const open = nats;
      const deadline = Date.now() + 20_000;
      while ((await open.count(names.stream).catch(() => 0)) < 1) {
        assert.ok(Date.now() < deadline, "the grant's transfer reached the stream");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const [message] = await open.read(names.stream);
      assert.equal(message?.subject, `${names.subjectPrefix}.${made.organization.id}.transfers`);
      assert.equal(message?.body.grant, grant.id);
      assert.equal(message?.body.kind, "grant");
    } finally {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  });
});
