/**
 * The two reports that model rather than sum (`@creditpool/core` reports/buyers-math.ts and
 * reports/pooling.ts): what a span's consumption would cost bought per seat, by the credit or
 * both, and how it would have been served by one shared pool versus a quota per member. Both
 * read the usage buckets by member, so consumption with no member counts as one more user,
 * `(none)`.
 */
import {
  type BuyersPrices,
  breakEven,
  type Costs,
  type CurvePoint,
  cheapestOf,
  costsOf,
  crossingDays,
  curveOf,
  type HourUsage,
  limits,
  type Micros,
  type Pooling,
  type Pricing,
  pricingPairs,
  replayPooling,
  sumByGroup,
  type UsageBucket,
} from "@creditpool/core";
import type { Principal } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { ServiceContext } from "./context.ts";
import { namesOf, type Reach, readSums, reportScope, requireSpan } from "./report-scope.ts";
import type { UsageBuckets } from "./usage-buckets.ts";

const dayMs = 86_400_000;
const picosPerMicro = 1_000_000n;

/** What a buyer's math query may leave out; prices are micro-units of currency. */
export interface BuyersQuery {
  readonly from: number;
  readonly to: number;
  readonly pool: string | null;
  /** Per seat per span. */
  readonly seatPrice?: bigint;
  readonly seatCredits?: Micros;
  /** Per credit. */
  readonly overagePrice?: bigint;
  readonly creditPrice?: bigint;
  readonly hybridSeatPrice?: bigint;
  readonly hybridSeatCredits?: Micros;
  readonly members?: number;
}

/** The inputs with every default filled, prices in micro-units of currency. */
export interface BuyersInputs {
  readonly seatPrice: bigint;
  readonly seatCredits: Micros;
  readonly overagePrice: bigint;
  readonly creditPrice: bigint;
  readonly hybridSeatPrice: bigint;
  readonly hybridSeatCredits: Micros;
  readonly members: number;
}

export interface BuyersMath extends Reach {
  readonly from: number;
  readonly to: number;
  readonly poolId: string;
  readonly currency: string | null;
  readonly inputs: BuyersInputs;
  readonly usage: { total: Micros; perMemberAverage: Micros; perMemberMax: Micros };
  /** In 10^-12 currency units. */
  readonly costs: Costs;
  readonly cheapest: Pricing;
  readonly curve: readonly CurvePoint[];
  readonly breakEven: readonly { between: [Pricing, Pricing]; creditsPerMember: Micros | null }[];
}

export interface PoolingReport extends Reach, Pooling {
  readonly from: number;
  readonly to: number;
  readonly poolId: string;
  readonly capacity: Micros;
  readonly members: number;
  readonly names: ReadonlyMap<string, string>;
}

export class ReportModelService {
  constructor(
    private readonly context: ServiceContext,
    private readonly buckets: UsageBuckets,
  ) {}

  async buyersMath(principal: Principal, query: BuyersQuery): Promise<BuyersMath> {
    requireSpan(query);
    const scope = await reportScope(this.context, principal, query.pool);
    const { rows, reach } = await readSums(this.buckets, scope, "member", {
      ...query,
      interval: "month",
    });
    const users = sumByGroup(rows, (row) => row.value);
    const usages = users.map((user) => user.consumption.credits);
    const members = seatsOf(query.members, users.length);
    const total = usages.reduce((sum, usage) => sum + usage, 0n);
    let covered = 0n;
    let money = 0n;
    for (const { consumption } of users) {
      covered += consumption.credits - consumption.uncovered;
      money += consumption.money;
    }
    const inputs = defaultsOf(query, {
      members,
      // The average cost basis of the covered credits, half up to a micro-unit per credit.
      creditPrice: covered === 0n ? 0n : (money * 2n + covered) / (covered * 2n),
      perMember: (total + BigInt(members) - 1n) / BigInt(members),
    });
    const prices: BuyersPrices = {
      ...inputs,
      seatPrice: inputs.seatPrice * picosPerMicro,
      hybridSeatPrice: inputs.hybridSeatPrice * picosPerMicro,
      seats: members,
    };
    const costs = costsOf(usages, prices);
    return {
      ...reach,
      from: query.from,
      to: query.to,
      poolId: scope.poolId,
      currency: scope.currency,
      inputs,
      usage: {
        total,
        perMemberAverage: total / BigInt(members),
        perMemberMax: usages.reduce((max, usage) => (usage > max ? usage : max), 0n),
      },
      costs,
      cheapest: cheapestOf(costs),
      curve: curveOf(usages, prices),
      breakEven: pricingPairs.map(([a, b]) => ({
        between: [a, b],
        creditsPerMember: breakEven(a, b, prices),
      })),
    };
  }

  async pooling(
    principal: Principal,
    query: {
      from: number;
      to: number;
      pool: string | null;
      capacity?: Micros;
      members?: number;
    },
  ): Promise<PoolingReport> {
    requireSpan(query);
    if (query.to - query.from > limits.reportPoolingDaysMax * dayMs)
      throw new Refusal(
        "invalid_request",
        `Is more than ${limits.reportPoolingDaysMax} days after from: a replay goes hour by hour.`,
        "to",
      );
    const scope = await reportScope(this.context, principal, query.pool);
    const days = await readSums(this.buckets, scope, "member", { ...query, interval: "day" });
    let { reach } = days;
    const byDay = byStartAndMember(days.rows, (start) => Math.max(query.from, dayStartOf(start)));
    const users = new Set(byDay.map((day) => day.member)).size;
    const members = seatsOf(query.members, users);
    const capacity = query.capacity ?? byDay.reduce((sum, day) => sum + day.credits, 0n);
    // A day replays as its hours do but on the day a member's quota runs out: read those hours.
    const crossings = crossingDays(byDay, capacity / BigInt(members));
    const hours = byDay.filter((day) => !crossings.get(day.start)?.has(day.member));
    for (const [start, crossing] of crossings) {
      const span = { from: start, to: Math.min(query.to, dayStartOf(start) + dayMs) };
      const read = await readSums(
        this.buckets,
        scope,
        "member",
        { ...span, interval: "hour" },
        { values: [...crossing], reach },
      );
      hours.push(...byStartAndMember(read.rows, (hour) => Math.max(query.from, hour)));
      reach = read.reach;
    }
    const replay = replayPooling(hours, capacity, members);
    const perMember = replay.perMember.slice(0, limits.reportMembersShownMax);
    const names = await namesOf(
      this.context,
      scope,
      "member",
      perMember.map((silo) => silo.member),
    );
    return {
      ...reach,
      ...replay,
      perMember,
      from: query.from,
      to: query.to,
      poolId: scope.poolId,
      capacity,
      members,
      names,
    };
  }
}

function dayStartOf(at: number): number {
  return Math.floor(at / dayMs) * dayMs;
}

/** Rows summed by member and the start `startOf` gives theirs. */
function byStartAndMember(
  rows: readonly UsageBucket[],
  startOf: (start: number) => number,
): HourUsage[] {
  const sums = new Map<string, HourUsage>();
  for (const row of rows) {
    const start = startOf(row.start);
    const key = `${start}|${row.value}`;
    const before = sums.get(key);
    sums.set(key, { start, member: row.value, credits: (before?.credits ?? 0n) + row.credits });
  }
  return [...sums.values()];
}

/** Seats asked for, else one per user; never fewer than the users (`(none)` is one). */
function seatsOf(asked: number | undefined, users: number): number {
  if (asked === undefined) return Math.max(1, users);
  if (asked < Math.max(1, users))
    throw new Refusal(
      "invalid_request",
      `Is fewer than the ${users} members who consumed in the span (consumption with no member counts as one).`,
      "members",
    );
  return asked;
}

/**
 * The documented defaults: the credit price is the average cost basis of the consumed credits;
 * overage is charged at the credit price; a seat's credits are the average member's consumption
 * (rounded up) and its price those credits at the credit price; a hybrid seat carries half a
 * seat's credits at the same price per credit.
 */
function defaultsOf(
  query: BuyersQuery,
  derived: { members: number; creditPrice: bigint; perMember: Micros },
): BuyersInputs {
  const creditPrice = query.creditPrice ?? derived.creditPrice;
  const seatCredits = query.seatCredits ?? derived.perMember;
  const hybridSeatCredits = query.hybridSeatCredits ?? seatCredits / 2n;
  // Credits (micro) × price per credit (micro) is in picos; a seat's price is in micro-units.
  const priceOf = (credits: Micros) => (credits * creditPrice + 500_000n) / picosPerMicro;
  return {
    seatPrice: query.seatPrice ?? priceOf(seatCredits),
    seatCredits,
    overagePrice: query.overagePrice ?? creditPrice,
    creditPrice,
    hybridSeatPrice: query.hybridSeatPrice ?? priceOf(hybridSeatCredits),
    hybridSeatCredits,
    members: derived.members,
  };
}
