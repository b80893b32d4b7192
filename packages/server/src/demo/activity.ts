/**
 * Weeks of AI use in simulated time, five minutes a tick. At each tick the calls whose work has
 * finished are settled (captured, most for part of the hold, some above it; released; captured
 * too late), then every member starts the calls their rhythm gives them (a hold each, or a usage
 * record for pipelines that meter after the fact). All commands of a tick are submitted together,
 * so the engine applies them as one batch at that tick's time. Holds that are never settled
 * expire. Admins raise a hard limit that keeps refusing, and billing tops up a carrier running low.
 */
import type { Micros } from "@creditpool/core";
import type { Prng } from "../prng.ts";
import type { EngineAnswer } from "../services/services.ts";
import {
  type AcmeSpec,
  type ActorSpec,
  type CallSize,
  type MonthlyLimit,
  modelOf,
  type Rhythm,
  useCaseOf,
} from "./acme.ts";
import type { DemoContext, DemoOrganization } from "./demo-organization.ts";
import type { Funding } from "./funding.ts";

export const tickMs = 5 * 60_000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;

export class SimulatedClock {
  constructor(public now: number) {}
  readonly read = (): number => this.now;
}

export interface ActivityStats {
  holds: number;
  allowed: number;
  /** What the allowed holds reserved, in micro-credits. */
  heldCredits: Micros;
  /** Refused holds by result code. */
  readonly refused: Map<string, number>;
  captured: number;
  capturedAbove: number;
  released: number;
  /** Never settled: they expire. */
  abandoned: number;
  /** Captured after the TTL: answered `hold_expired` and recorded as usage. */
  capturedLate: number;
  usageEvents: number;
  limitRaises: number;
}

type Outcome = "partial" | "full" | "above" | "release" | "abandon" | "late";

interface Settlement {
  readonly holdId: string;
  readonly outcome: Outcome;
  readonly amount: Micros;
}

/** What each call ends as, in parts per hundred. */
const outcomes: readonly [Outcome, number][] = [
  ["partial", 70],
  ["full", 12],
  ["above", 6],
  ["release", 7],
  ["abandon", 3],
  ["late", 2],
];

/** What a settlement captures, in percent of the hold (a release captures nothing). */
const capturedPercent: Record<Outcome, readonly [number, number]> = {
  partial: [25, 99],
  full: [100, 100],
  above: [101, 140],
  release: [0, 0],
  abandon: [0, 0],
  late: [40, 100],
};

/** The range of a call's hold in thousandths of a credit: drawn log-uniform. */
const callMillicredits: Record<CallSize, readonly [number, number]> = {
  light: [50, 800],
  standard: [500, 6_000],
  heavy: [4_000, 40_000],
};

export class Activity {
  readonly stats: ActivityStats = {
    holds: 0,
    allowed: 0,
    heldCredits: 0n,
    refused: new Map(),
    captured: 0,
    capturedAbove: 0,
    released: 0,
    abandoned: 0,
    capturedLate: 0,
    usageEvents: 0,
    limitRaises: 0,
  };
  private readonly due = new Map<number, Settlement[]>();
  private readonly present: ActorSpec[];
  private readonly joiners: ActorSpec[];
  /** Hard limits as they stand, by pool id, and refusals at each pool today. */
  private readonly hardLimits = new Map<string, MonthlyLimit>();
  private readonly refusedToday = new Map<string, number>();
  private readonly raises = new Map<string, number>();

  constructor(
    private readonly context: DemoContext,
    private readonly organization: DemoOrganization,
    spec: AcmeSpec,
    private readonly funding: Funding,
    private readonly random: Prng,
  ) {
    this.present = spec.actors.filter((a) => a.joinsAt === undefined && a.callsPerHour > 0);
    this.joiners = spec.actors.filter((a) => a.joinsAt !== undefined);
    for (const department of spec.departments) {
      for (const { name, limit } of [department, ...department.teams]) {
        if (limit?.kind === "hard") this.hardLimits.set(organization.poolId(name), limit);
      }
    }
  }

  /** One tick at `at`: joiners, settlements due, new calls; then the admins' reactions. */
  async tick(index: number, at: number, start: number, end: number): Promise<void> {
    for (const actor of this.joiners.splice(0)) {
      if (start + (actor.joinsAt ?? 0) * (end - start) > at) {
        this.joiners.push(actor);
        continue;
      }
      await this.organization.addMember(actor);
      await this.funding.joined(actor);
      if (actor.callsPerHour > 0) this.present.push(actor);
    }
    if (at % dayMs === 0) this.refusedToday.clear();
    const work: Promise<void>[] = [];
    for (const settlement of this.due.get(index) ?? []) work.push(this.settle(settlement));
    this.due.delete(index);
    for (const actor of this.present) {
      const expected = (actor.callsPerHour * rhythmFactor(actor.rhythm, at) * tickMs) / hourMs;
      for (let call = this.random.poisson(expected); call > 0; call -= 1) {
        work.push(actor.mode === "usage" ? this.use(actor) : this.call(actor, index));
      }
    }
    await Promise.all(work);
    await this.raiseLimitsThatKeepRefusing();
  }

  /**
   * A budget review caps a team at what it has drawn this month plus a day's margin: its holds
   * start being refused, and the admins' reaction raises the cap again.
   */
  async capBudget(team: string, margin: Micros): Promise<void> {
    const poolId = this.organization.poolId(team);
    const pool = await this.context.services.pools.read(this.organization.owner, poolId);
    const drawn = pool.consumedThisPeriod + pool.held;
    const limit: MonthlyLimit = { amount: drawn + margin, kind: "hard" };
    await this.organization.setLimit(poolId, limit);
    this.hardLimits.set(poolId, limit);
  }

  /** A long agent job still running when the weeks end: its hold stays held after the demo. */
  async jobInFlight(team: string): Promise<void> {
    const amount = this.amount("heavy");
    const answer = await this.hold(this.organization.poolId(team), amount, 6 * 3600);
    this.countHold(answer, amount);
  }

  /** A hold by the owner, for the work of one of the organization's people or agents. */
  private hold(
    poolId: string,
    amount: Micros,
    ttlSeconds: number,
    actor?: ActorSpec,
  ): Promise<EngineAnswer> {
    const { services, ids } = this.context;
    const request = { pool: poolId, amount, ttlSeconds, ...this.attributionOf(actor) };
    return services.holds.create(this.organization.owner, request, ids.next("key"));
  }

  /** Who a call is for and the model it runs on, so reports can tell members and models apart. */
  private attributionOf(actor: ActorSpec | undefined): {
    member?: string;
    model?: string;
    tags?: Record<string, string>;
  } {
    if (actor === undefined) return {};
    const member = this.organization.members.get(actor.name);
    return {
      ...(member === undefined ? {} : { member }),
      model: modelOf[actor.callSize],
      tags: { use_case: useCaseOf[actor.rhythm] },
    };
  }

  private async call(actor: ActorSpec, index: number): Promise<void> {
    const batch = actor.rhythm === "nightly";
    const held = this.amount(actor.callSize);
    const answer = await this.hold(
      this.organization.poolId(actor.team ?? ""),
      held,
      batch ? 3600 : 600,
      actor,
    );
    const hold = this.countHold(answer, held);
    if (hold === null) return;
    const outcome = this.random.weighted(outcomes);
    if (outcome === "abandon") {
      this.stats.abandoned += 1;
      return;
    }
    const [low, high] = capturedPercent[outcome];
    const amount = (held * BigInt(this.random.int(low, high))) / 100n;
    // Interactive calls finish within the next tick, inside their 10-minute TTL; batch jobs take
    // 10 to 45 minutes of their hour. A late capture comes after the TTL.
    const ticks = outcome === "late" ? (batch ? 13 : 3) : batch ? this.random.int(2, 9) : 1;
    const at = index + ticks;
    const list = this.due.get(at) ?? [];
    list.push({ holdId: hold, outcome, amount });
    this.due.set(at, list);
  }

  private async settle({ holdId, outcome, amount }: Settlement): Promise<void> {
    const { services, ids } = this.context;
    const { owner } = this.organization;
    const answer =
      outcome === "release"
        ? await services.holds.release(owner, holdId, ids.next("key"))
        : await services.holds.capture(owner, holdId, { amount }, ids.next("key"));
    const expected = outcome === "late" ? "hold_expired" : "ok";
    if (answer.code !== expected) {
      throw new Error(`the demo's ${outcome} of ${holdId} answered ${answer.code}`);
    }
    if (outcome === "release") this.stats.released += 1;
    else if (outcome === "late") this.stats.capturedLate += 1;
    else {
      this.stats.captured += 1;
      if (outcome === "above") this.stats.capturedAbove += 1;
    }
  }

  private async use(actor: ActorSpec): Promise<void> {
    const [result] = await this.context.services.usage.record(this.organization.owner, [
      {
        id: this.context.ids.next("evt"),
        pool: this.organization.poolId(actor.team ?? ""),
        amount: this.amount(actor.callSize),
        dimensions: { model: modelOf[actor.callSize] },
        tags: { use_case: useCaseOf[actor.rhythm] },
      },
    ]);
    if (result?.status !== "recorded")
      throw new Error(`the demo's usage answered ${JSON.stringify(result)}`);
    this.stats.usageEvents += 1;
  }

  /** Counts a hold decision; answers the hold's id when it was allowed. */
  private countHold(answer: EngineAnswer, amount: Micros): string | null {
    this.stats.holds += 1;
    const { code, result } = answer;
    if (code === "ok" && result.kind === "allowed") {
      this.stats.allowed += 1;
      this.stats.heldCredits += amount;
      return result.hold.id;
    }
    this.stats.refused.set(code, (this.stats.refused.get(code) ?? 0) + 1);
    if (code === "pool_limit_exceeded" && result.kind === "refused") {
      const pool = result.poolId;
      this.refusedToday.set(pool, (this.refusedToday.get(pool) ?? 0) + 1);
    }
    return null;
  }

  private amount(size: CallSize): Micros {
    const [low, high] = callMillicredits[size];
    const millicredits = Math.round(low * (high / low) ** this.random.fraction());
    return BigInt(millicredits) * 1000n;
  }

  /** After five refusals in a day, an admin raises that hard limit by a third (twice at most). */
  private async raiseLimitsThatKeepRefusing(): Promise<void> {
    for (const [poolId, refused] of this.refusedToday) {
      const limit = this.hardLimits.get(poolId);
      const raised = this.raises.get(poolId) ?? 0;
      if (limit === undefined || refused < 5 || raised >= 2) continue;
      const next = { ...limit, amount: (limit.amount * 4n) / 3n };
      await this.organization.setLimit(poolId, next);
      this.hardLimits.set(poolId, next);
      this.raises.set(poolId, raised + 1);
      this.refusedToday.delete(poolId);
      this.stats.limitRaises += 1;
    }
  }
}

/** How busy a rhythm is at `at`, from 0 to 1, by UTC hour and weekday. */
export function rhythmFactor(rhythm: Rhythm, at: number): number {
  const hour = Math.floor((at % dayMs) / hourMs);
  const weekday = (Math.floor(at / dayMs) + 3) % 7; // 0 is Monday
  const weekend = weekday >= 5;
  switch (rhythm) {
    case "office":
      return weekend ? (hour >= 9 && hour < 18 ? 0.04 : 0.01) : (officeHours[hour] ?? 0.02);
    case "support":
      if (weekend) return hour >= 9 && hour < 18 ? 0.35 : 0.05;
      return hour >= 7 && hour < 22 ? (hour >= 8 && hour < 18 ? 1 : 0.6) : 0.1;
    case "always":
      return 0.5 + 0.5 * rhythmFactor("office", at);
    case "nightly":
      return hour >= 1 && hour < 4 ? 1 : 0.03;
  }
}

/** Weekday office hours, UTC: a morning ramp, a lunch dip, a tail into the evening. */
const officeHours: Record<number, number> = {
  7: 0.15,
  8: 0.4,
  9: 0.8,
  10: 1,
  11: 1,
  12: 0.5,
  13: 0.8,
  14: 1,
  15: 1,
  16: 0.9,
  17: 0.6,
  18: 0.25,
  19: 0.15,
  20: 0.1,
};
