/** The report forms: the span of days they send, and what they refuse before asking. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apiSpan, presetRange, rangeProblem, withQuery } from "../src/views/more/query.ts";
import {
  buyersMathInputsOf,
  buyersMathQuery,
  poolingQuery,
  type UsageForm,
  usageQuery,
} from "../src/views/more/report-queries.ts";

const now = Date.parse("2026-11-21T15:00:00.000Z");
const range = { from: "2026-11-01", to: "2026-11-30" };

describe("periods", () => {
  it("ends every preset today and counts today among its days", () => {
    assert.deepEqual(presetRange("7", now, range), { from: "2026-11-15", to: "2026-11-21" });
    assert.deepEqual(presetRange("30", now, range), { from: "2026-10-23", to: "2026-11-21" });
    assert.deepEqual(presetRange("year", now, range), { from: "2026-01-01", to: "2026-11-21" });
    assert.deepEqual(presetRange("custom", now, range), range);
  });

  it("sends the day after the last as the exclusive end", () => {
    assert.deepEqual(apiSpan(range), {
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
    });
    assert.deepEqual(apiSpan({ from: "2026-12-31", to: "2026-12-31" }), {
      from: "2026-12-31T00:00:00.000Z",
      to: "2027-01-01T00:00:00.000Z",
    });
  });

  it("refuses a range that ends before it starts, and dates that do not exist", () => {
    assert.equal(rangeProblem(range), null);
    assert.equal(
      rangeProblem({ from: "2026-11-02", to: "2026-11-01" }),
      "To must be on or after From.",
    );
    assert.equal(rangeProblem({ from: "2026-02-30", to: "2026-03-01" }), "From must be a date.");
    assert.equal(rangeProblem({ from: "2026-02-01", to: "" }), "To must be a date.");
  });

  it("leaves blank parameters out of the query", () => {
    assert.equal(
      withQuery("/v1/x", { a: "1", b: "", c: null, d: undefined, e: " 2 ", f: 0 }),
      "/v1/x?a=1&e=2&f=0",
    );
    assert.equal(withQuery("/v1/x", { a: "" }), "/v1/x");
    assert.equal(withQuery("/v1/x", { tag: "a&b" }), "/v1/x?tag=a%26b");
  });
});

const usageForm: UsageForm = {
  period: { preset: "custom", ...range },
  interval: "day",
  groupBy: "member",
  tag: "",
  pool: "",
  limit: "10",
};

describe("usageQuery", () => {
  it("asks for the span, the grouping and the limit; the pool only when one is chosen", () => {
    assert.deepEqual(usageQuery(usageForm), {
      params: {
        from: "2026-11-01T00:00:00.000Z",
        to: "2026-12-01T00:00:00.000Z",
        interval: "day",
        group_by: "member",
        limit: "10",
      },
    });
    const withPool = usageQuery({ ...usageForm, pool: "pool_1" });
    assert.ok("params" in withPool && withPool.params.pool === "pool_1");
  });

  it("needs a tag key to group by tag, and sends it only then", () => {
    assert.deepEqual(usageQuery({ ...usageForm, groupBy: "tag" }), {
      problem: "Tag key is required to group by tag.",
    });
    const tagged = usageQuery({ ...usageForm, groupBy: "tag", tag: " team " });
    assert.ok("params" in tagged && tagged.params.tag === "team");
    const untagged = usageQuery({ ...usageForm, tag: "team" });
    assert.ok("params" in untagged && !("tag" in untagged.params));
  });

  it("refuses a limit outside 1 to 100", () => {
    for (const limit of ["0", "101", "2.5", "", "ten"])
      assert.ok("problem" in usageQuery({ ...usageForm, limit }), limit);
  });
});

describe("buyers-math and pooling queries", () => {
  const blank = buyersMathInputsOf({});

  it("sends only the inputs given, leaving the rest to the API's defaults", () => {
    assert.deepEqual(buyersMathQuery(range, "", { ...blank, seat_price: "30", members: "12" }), {
      params: {
        from: "2026-11-01T00:00:00.000Z",
        to: "2026-12-01T00:00:00.000Z",
        seat_price: "30",
        members: "12",
      },
    });
  });

  it("names the input that is not a number", () => {
    assert.deepEqual(buyersMathQuery(range, "", { ...blank, credit_price: "1,5" }), {
      problem: "Credit price (money per credit) must be a number such as 12.5.",
    });
    assert.deepEqual(buyersMathQuery(range, "", { ...blank, members: "2.5" }), {
      problem: "Members must be a whole number.",
    });
  });

  it("fills the form from the answer's echo", () => {
    const inputs = buyersMathInputsOf({ seat_price: "30", members: 12, credit_price: null });
    assert.equal(inputs.seat_price, "30");
    assert.equal(inputs.members, "12");
    assert.equal(inputs.credit_price, "");
  });

  it("pooling sends capacity and members only when given", () => {
    const asked = poolingQuery(range, "pool_1", "500.5", "");
    assert.deepEqual(asked, {
      params: {
        from: "2026-11-01T00:00:00.000Z",
        to: "2026-12-01T00:00:00.000Z",
        pool: "pool_1",
        capacity: "500.5",
      },
    });
    assert.deepEqual(poolingQuery(range, "", "-5", ""), {
      problem: "Capacity must be a number such as 12.5.",
    });
  });
});
