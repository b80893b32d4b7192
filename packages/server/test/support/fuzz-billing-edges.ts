/**
 * The fixed edges of billing, sent in order with the others (`fuzz-edges.ts`): plans whose terms
 * carry credits past the maximum, fractions finer than a micro-credit or a sign, then plans at
 * every maximum at once (money of 10^15, the most credits, packs and seats), each subscribed on a
 * pool of its own so that what a plan would grant and bill is computed and stored, and its packs
 * bought until the pool's grants pass 2^63.
 */
import { limits } from "@creditpool/core";
import { teamPlan } from "./billing-world.ts";
import type { Edge } from "./fuzz-edges.ts";
import { badAmounts, largestPrice, maxCredits } from "./fuzz-fields.ts";
import { send, times } from "./fuzz-request.ts";
import { Ref } from "./fuzz-values.ts";

export const billingEdges: readonly Edge[] = [
  {
    what: "plans whose credits are past the maximum, with 7 fractional digits or a sign",
    requests: (w) =>
      badAmounts.flatMap((amount, index) => {
        // A plan id per amount and term: a subscription is to that plan, if it was published.
        const terms: [string, object][] = [
          ["seat", { credits_per_seat: amount }],
          ["organization", { credits_per_organization: amount }],
          ["rollover", { rollover: { cap: { amount }, lifetime_days: 30 } }],
        ];
        const topUp = { top_ups: [{ id: "pack", credits: amount, price: 1 }] };
        return [
          send("POST /v1/plans", { body: { ...teamPlan, id: `credits-${index}-pack`, ...topUp } }),
          ...terms.flatMap(([name, term]) => {
            const plan = `credits-${index}-${name}`;
            return [
              send("POST /v1/plans", { body: { ...teamPlan, id: plan, ...term } }),
              send("POST /v1/pools", { body: { parent: w.pools.dept, name: plan } }),
              send("POST /v1/subscriptions", {
                body: { plan, seats: 2, pool: new Ref("pool", 0) },
              }),
            ];
          }),
        ];
      }),
  },
  {
    what: "plans at every maximum: money of 10^15, the most credits, packs and seats",
    requests: (w) => {
      const moneyMax = `${limits.moneyMinorMax}`;
      const maximum = {
        name: "Maximum",
        currency: "USD",
        base_price: moneyMax,
        seat_price: moneyMax,
        credits_per_seat: maxCredits,
        credits_per_organization: maxCredits,
        overage_price: largestPrice,
        rollover: { cap: { amount: maxCredits }, lifetime_days: limits.rolloverLifetimeDaysMax },
        seat_removal: "claw_back",
        top_ups: times(limits.planTopUpPacksMax, (n) => ({
          id: `pack-${n}`,
          credits: maxCredits,
          price: moneyMax,
        })),
        top_up_price: largestPrice,
        commitment: { minimum: moneyMax, discount_percent: 100 },
      };
      const subscribe = (plan: string, seats: number) => [
        send("POST /v1/pools", { body: { parent: w.pools.dept, name: `${plan} ${seats}` } }),
        send("POST /v1/subscriptions", { body: { plan, seats, pool: new Ref("pool", 0) } }),
      ];
      return [
        send("POST /v1/plans", { body: { ...maximum, id: "maximum", interval: "month" } }),
        send("POST /v1/plans", { body: { ...maximum, id: "maximum-year", interval: "year" } }),
        ...["maximum", "maximum-year"].flatMap((plan) => [
          ...subscribe(plan, 0),
          send("POST /v1/subscriptions/{id}/seats", {
            id: new Ref("subscription", 0),
            body: { seats: limits.seatsMax },
          }),
          send("POST /v1/subscriptions/{id}/seats", {
            id: new Ref("subscription", 0),
            body: { seats: 0 },
          }),
          // Packs of the most credits at the most money, until the pool's grants pass 2^63.
          ...times(12, (n) =>
            send("POST /v1/top-ups", {
              body: { subscription: new Ref("subscription", 0), pack: `pack-${n}` },
            }),
          ),
          send("POST /v1/top-ups", {
            body: { subscription: new Ref("subscription", 0), credits: maxCredits },
          }),
          ...subscribe(plan, 1),
          ...subscribe(plan, limits.seatsMax),
        ]),
        // The operator's plan is small, but not at the most seats.
        ...subscribe(teamPlan.id, limits.seatsMax),
        send("POST /v1/subscriptions/{id}/seats", {
          id: new Ref("subscription", 0),
          body: { seats: 0 },
        }),
      ];
    },
  },
];
