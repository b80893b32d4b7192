/**
 * What the usage reports let out beside the figures: names only to a key that may read them
 * (members with members.read, keys with keys.read, a bound key only those placed in its subtree),
 * and CSV text cells that no spreadsheet runs as a formula.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type ApiHarness,
  apiHarness,
  at,
  type OrganizationFixture,
  type StoreName,
  storeNames,
} from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const stores: StoreName[] = [...storeNames, ...(testDatabaseUrl() ? ["postgres" as const] : [])];
const march1 = Date.UTC(2027, 2, 1);
const span = "from=2027-03-01T00:00:00Z&to=2027-03-03T00:00:00Z";
const formula = '=HYPERLINK("http://evil.example","x")';

for (const store of stores)
  describe(`usage report names and CSV (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    const ids = { eng: "", ops: "", ann: "", bob: "", annKey: "", bobKey: "" };

    const post = async (path: string, body: object) =>
      api.ok("POST", path, { key: org.ownerKey, body });
    const newKey = async (body: object) => {
      const answer = await post("/v1/keys", body);
      return { id: String(at(answer, "id")), secret: String(at(answer, "secret")) };
    };
    const namesOf = async (key: string, by: "member" | "key") => {
      const report = await api.ok("GET", `/v1/reports/top-consumers?${span}&by=${by}`, { key });
      const consumers = at(report, "consumers") as { id: string; name: string | null }[];
      return Object.fromEntries(consumers.map((c) => [c.id, c.name]));
    };

    before(async () => {
      api = await apiHarness({ store });
      api.clock.advance(march1 - api.clock.read());
      org = await api.newOrganization("Names");
      ids.eng = await api.pool(org, org.rootPoolId, { name: "Engineering" });
      ids.ops = await api.pool(org, org.rootPoolId, { name: formula });
      await post("/v1/grants", { pool: org.rootPoolId, amount: "100", source: "purchase" });
      ids.ann = String(
        at(await post("/v1/members", { name: "Ann", role: "member", pool: ids.eng }), "id"),
      );
      ids.bob = String(at(await post("/v1/members", { name: "Bob", role: "member" }), "id"));
      const annKey = await newKey({
        name: "ann-laptop",
        role: "member",
        member: ids.ann,
        pool: ids.eng,
      });
      const bobKey = await newKey({ name: "bob-laptop", role: "member", member: ids.bob });
      ids.annKey = annKey.id;
      ids.bobKey = bobKey.id;
      api.clock.advance(3_600_000);
      await api.ok("POST", "/v1/usage", {
        key: annKey.secret,
        body: { events: [{ id: "ann-1", pool: ids.eng, amount: "20" }] },
      });
      await api.ok("POST", "/v1/usage", {
        key: bobKey.secret,
        body: {
          events: [{ id: "bob-1", pool: ids.ops, amount: "10", tags: { feature: formula } }],
        },
      });
    });
    after(() => api.close());

    it("an owner sees every member's and key's name", async () => {
      assert.deepEqual(await namesOf(org.ownerKey, "member"), {
        [ids.ann]: "Ann",
        [ids.bob]: "Bob",
      });
      assert.deepEqual(await namesOf(org.ownerKey, "key"), {
        [ids.annKey]: "ann-laptop",
        [ids.bobKey]: "bob-laptop",
      });
    });

    it("a viewer key (no keys.read) gets null key names, members' names still", async () => {
      const viewer = await api.keyFor(org, "viewer");
      assert.deepEqual(await namesOf(viewer, "key"), { [ids.annKey]: null, [ids.bobKey]: null });
      assert.deepEqual(await namesOf(viewer, "member"), { [ids.ann]: "Ann", [ids.bob]: "Bob" });
    });

    it("a member-role key (no members.read) gets null member names", async () => {
      const member = await api.keyFor(org, "member");
      assert.deepEqual(await namesOf(member, "member"), { [ids.ann]: null, [ids.bob]: null });
    });

    it("a pool_admin of the root gets names only of keys and members placed in its subtree", async () => {
      const admin = await api.keyFor(org, "pool_admin", { pool: org.rootPoolId });
      // Bob and his key belong to the whole organization: outside every subtree.
      assert.deepEqual(await namesOf(admin, "member"), { [ids.ann]: "Ann", [ids.bob]: null });
      assert.deepEqual(await namesOf(admin, "key"), {
        [ids.annKey]: "ann-laptop",
        [ids.bobKey]: null,
      });
      const engAdmin = await api.keyFor(org, "pool_admin", { pool: ids.eng });
      assert.deepEqual(await namesOf(engAdmin, "member"), { [ids.ann]: "Ann" });
    });

    it("CSV text cells starting a formula get a leading quote; numbers keep their sign", async () => {
      const chargeback = await api.call("GET", `/v1/reports/chargeback?${span}&format=csv`, {
        key: org.ownerKey,
      });
      const lines = String(chargeback.body).trim().split("\r\n");
      assert.ok(
        lines.some((line) =>
          line.startsWith(`${ids.ops},"'=HYPERLINK(""http://evil.example"",""x"")",10,`),
        ),
        lines.join("\n"),
      );
      const usage = await api.call(
        "GET",
        `/v1/reports/usage?${span}&interval=day&group_by=tag&tag=feature&format=csv`,
        { key: org.ownerKey },
      );
      const rows = String(usage.body).trim().split("\r\n");
      assert.ok(
        rows.some((row) => row.includes(`,"'=HYPERLINK(""http://evil.example"",""x"")",,10,`)),
        rows.join("\n"),
      );
    });
  });
