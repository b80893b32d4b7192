/**
 * A report reads at most `reportBucketsReadMax` stored buckets: past it, the request is refused
 * `report_too_large` on `from`, whatever the store, and a smaller report of the same data answers.
 * The bound is lowered here so a few hours of usage reach it.
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
const hourMs = 3_600_000;
const bucketsReadMax = 4;

for (const store of stores)
  describe(`a report's bound on the buckets it reads (${store})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;

    before(async () => {
      api = await apiHarness({ store, reportBucketsReadMax: bucketsReadMax });
      api.clock.advance(march1 - api.clock.read());
      org = await api.newOrganization("Bounds");
      await api.ok("POST", "/v1/grants", {
        key: org.ownerKey,
        body: { pool: org.rootPoolId, amount: "100", source: "purchase" },
      });
      // Six hours of usage: six hour buckets by pool, all in one day.
      for (let hour = 0; hour < 6; hour += 1) {
        api.clock.advance(hourMs);
        await api.ok("POST", "/v1/usage", {
          key: org.ownerKey,
          body: { events: [{ id: `use-${hour}`, pool: org.rootPoolId, amount: "1" }] },
        });
      }
    });
    after(() => api.close());

    const day = "from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z";

    it("refuses a report that would read more, naming from, and answers a coarser one", async () => {
      const refused = await api.call("GET", `/v1/reports/usage?${day}&interval=hour`, {
        key: org.ownerKey,
      });
      assert.equal(refused.status, 400);
      assert.equal(at(refused.body, "error.code"), "report_too_large");
      assert.equal(at(refused.body, "error.param"), "from");
      assert.match(String(at(refused.body, "error.message")), /more than 4 stored buckets/);

      const daily = await api.ok("GET", `/v1/reports/usage?${day}&interval=day`, {
        key: org.ownerKey,
      });
      assert.equal(at(daily, "total.credits"), "6");
    });

    it("bounds the reads summed in the store too (by member, across pools)", async () => {
      const refused = await api.call(
        "GET",
        `/v1/reports/usage?${day}&interval=hour&group_by=member`,
        { key: org.ownerKey },
      );
      assert.equal(refused.status, 400);
      assert.equal(at(refused.body, "error.code"), "report_too_large");
    });
  });
