/**
 * Upstream accounts from the command line, against the real `creditpool serve` on loopback (an
 * embedded SQLite file, so the server seals with the key file it made beside it): an owner adds
 * an account with its credential from a variable, lists and reads it, rotates the credential
 * from stdin and disables it, and removes it. No output ever shows the credential.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { bin } from "./support/cli.ts";
import { type Served, serveForTest } from "./support/served.ts";

const operatorKey = "cpk_cliUpstreamsOperatorKey000000000";
const credential = "sk-ant-api03-cliSecretCredential-A1b2";
const rotated = "sk-ant-api03-cliRotatedCredential-Z9y8";

describe("upstream accounts from the command line", () => {
  let served: Served;
  let ownerKey = "";

  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: {
        ...process.env,
        CREDITPOOL_URL: served.url,
        CREDITPOOL_KEY: ownerKey,
        SEAT_KEY: credential,
      },
      encoding: "utf8",
      ...(input === undefined ? {} : { input }),
    });

  before(async () => {
    served = await serveForTest(operatorKey);
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Seated" });
    ownerKey = created.owner_key.secret ?? "";
  });
  after(() => served.close());

  it("adds, lists, rotates, disables and removes an account, never printing its credential", () => {
    const outputs: string[] = [];
    const ok = (args: string[], input?: string) => {
      const result = cli(args, input);
      outputs.push(result.stdout, result.stderr);
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    const made = JSON.parse(
      ok([
        "upstreams",
        "create",
        "--provider",
        "anthropic",
        "--name",
        "Team seat",
        "--api-key-env",
        "SEAT_KEY",
        "--window",
        "5h,requests=200",
        "--window",
        "7d,tokens=5000000",
        "--json",
      ]),
    ) as { id: string; api_key_last4: string; windows: { duration_seconds: number }[] };
    assert.equal(made.api_key_last4, "A1b2");
    assert.deepEqual(
      made.windows.map((w) => w.duration_seconds),
      [18_000, 604_800],
    );
    const listed = ok(["upstreams", "list"]);
    assert.match(listed, new RegExp(`${made.id}\\s+anthropic\\s+Team seat\\s+…A1b2`));
    assert.match(listed, /5h:0\/200req 7d:0\/5000000tok/);
    assert.match(ok(["upstreams", "get", made.id]), /api_key_last4\s+A1b2/);
    const updated = ok(
      ["upstreams", "update", made.id, "--api-key-stdin", "--enabled", "no"],
      `${rotated}\n`,
    );
    assert.match(updated, /api_key_last4\s+Z9y8/);
    assert.match(updated, /enabled\s+false/);
    ok(["upstreams", "delete", made.id]);
    const gone = cli(["upstreams", "get", made.id]);
    assert.equal(gone.status, 1);
    assert.match(gone.stderr, /upstream_not_found/);
    for (const output of outputs) {
      assert.ok(!output.includes(credential.slice(0, 20)), output);
      assert.ok(!output.includes(rotated.slice(0, 20)), output);
    }
  });

  it("refuses a create without a credential, and a malformed window, naming the option", () => {
    const without = cli(["upstreams", "create", "--provider", "openai", "--name", "x"]);
    assert.equal(without.status, 1);
    assert.match(without.stderr, /--api-key-stdin/);
    const window = cli([
      "upstreams",
      "create",
      "--provider",
      "openai",
      "--name",
      "x",
      "--api-key-env",
      "SEAT_KEY",
      "--window",
      "5 hours",
    ]);
    assert.equal(window.status, 1);
    assert.match(window.stderr, /--window/);
  });
});
