/**
 * Acme AI in a database, made through the services as the API would make it: the organization
 * (by the operator), its pool tree, its members and their keys (by the owner). Keys are made from
 * the system's random source, never the demo's seed: they are real credentials for the served API.
 */
import type { GrantSource, Micros, PlanTerms } from "@creditpool/core";
import { type Principal, principalOf } from "../access/principal.ts";
import type { Role } from "../access/roles.ts";
import type { Clock, IdSource } from "../ids.ts";
import type { AutoTopUpRule } from "../services/auto-top-ups.ts";
import type { RevenueReport } from "../services/revenue.ts";
import {
  type EngineAnswer,
  type PoolFigures,
  resultId,
  type Services,
} from "../services/services.ts";
import type { AcmeSpec, ActorSpec, MonthlyLimit } from "./acme.ts";

export interface DemoContext {
  readonly services: Services;
  readonly clock: Clock;
  /** Idempotency keys and event ids. */
  readonly ids: IdSource;
}

/** The operator, who creates the organization (as the operator's key would). */
const operator: Principal = {
  keyId: "key_demo_operator",
  organizationId: null,
  role: "operator",
  poolId: null,
  memberId: null,
};

export interface DemoKey {
  readonly role: Role;
  readonly name: string;
  /** The name of the pool the key is bound to, or null for the whole organization. */
  readonly pool: string | null;
  readonly secret: string;
}

export interface GrantTerms {
  readonly source: GrantSource;
  readonly amount: Micros;
  readonly costBasis?: Micros;
  readonly priority?: number;
  readonly effectiveAt?: number | null;
  readonly expiresAt?: number | null;
}

export class DemoOrganization {
  readonly keys: DemoKey[] = [];
  /** Member ids by the actor's name: the owner's holds and usage name the member they are for. */
  readonly members = new Map<string, string>();
  /** Pool ids by name; the root pool is under the organization's name. */
  readonly pools = new Map<string, string>();
  /** By pool name, the name of the pool that funds it: the root, or a department funded alone. */
  private readonly carriers = new Map<string, string>();

  private constructor(
    private readonly context: DemoContext,
    /** The owner, who builds the organization and acts for its people and agents. */
    readonly owner: Principal,
    readonly organizationId: string,
    readonly rootPoolId: string,
  ) {}

  /** The organization, its departments and teams, and every member who is there from the start. */
  static async create(context: DemoContext, spec: AcmeSpec): Promise<DemoOrganization> {
    const created = await context.services.organizations.create(
      operator,
      spec.name,
      context.ids.next("key"),
      ({ organization }) => ({ organization: organization.id }),
    );
    if (!("made" in created)) throw new Error("the demo's organization was made before");
    const row = created.made.organization;
    const owner = principalOf(created.made.owner.row);
    const organization = new DemoOrganization(context, owner, row.id, row.rootPoolId);
    organization.pools.set(spec.name, row.rootPoolId);
    organization.carriers.set(spec.name, spec.name);
    for (const department of spec.departments) {
      const id = await organization.createPool(
        row.rootPoolId,
        department.name,
        department.drawsFromParent,
        department.limit,
      );
      const carrier = department.drawsFromParent ? spec.name : department.name;
      organization.carriers.set(department.name, carrier);
      for (const team of department.teams) {
        await organization.createPool(id, team.name, true, team.limit);
        organization.carriers.set(team.name, carrier);
      }
    }
    for (const actor of spec.actors) {
      if (actor.joinsAt === undefined) await organization.addMember(actor);
    }
    return organization;
  }

  poolId(name: string): string {
    const id = this.pools.get(name);
    if (id === undefined) throw new Error(`the demo has no pool named ${name}`);
    return id;
  }

  /** A pool with its balances, as of now. */
  read(name: string): Promise<PoolFigures> {
    return this.context.services.pools.read(this.owner, this.poolId(name));
  }

  carrierName(name: string): string {
    const id = this.carriers.get(name);
    if (id === undefined) throw new Error(`the demo has no pool named ${name}`);
    return id;
  }

  /** A member and their key: bound to their team's pool, or organization-wide for org roles. */
  async addMember(actor: ActorSpec): Promise<void> {
    const { services, ids } = this.context;
    const poolId = actor.team === null ? null : this.poolId(actor.team);
    const handle = actor.name.toLowerCase().replace(/[^a-z]+/g, ".");
    const member = await services.members.create(
      this.owner,
      {
        name: actor.name,
        kind: actor.kind,
        role: actor.role,
        pool: poolId,
        email: actor.kind === "person" ? `${handle}@acme.example` : null,
      },
      ids.next("key"),
      (made) => ({ id: made.id }),
    );
    if (!("made" in member)) throw new Error(`the demo's member ${actor.name} was made before`);
    this.members.set(actor.name, member.made.id);
    const name = actor.kind === "agent" ? `${actor.name} (agent)` : `${actor.name} (${actor.role})`;
    const key = await services.keys.create(
      this.owner,
      { name, role: actor.role, pool: poolId, member: member.made.id },
      ids.next("key"),
      (issued) => ({ id: issued.row.id }),
    );
    if (!("made" in key)) throw new Error(`the demo's key ${name} was made before`);
    this.keys.push({ role: actor.role, name, pool: actor.team, secret: key.made.secret });
  }

  async grant(poolName: string, terms: GrantTerms): Promise<string> {
    const answer = await this.context.services.grants.create(
      this.owner,
      {
        pool: this.poolId(poolName),
        amount: terms.amount,
        source: terms.source,
        priority: terms.priority ?? 100,
        effectiveAt: terms.effectiveAt ?? null,
        expiresAt: terms.expiresAt ?? null,
        costBasis: terms.costBasis ?? 0n,
      },
      this.context.ids.next("key"),
    );
    return idOf(answer, `a ${terms.source} grant on ${poolName}`);
  }

  async voidGrant(grantId: string): Promise<void> {
    const answer = await this.context.services.grants.void(
      this.owner,
      grantId,
      this.context.ids.next("key"),
    );
    idOf(answer, `voiding ${grantId}`);
  }

  /**
   * Publishes the organization's own plan and puts the root pool on it with `seats` seats, billed
   * from `anchorAt` (the first period prorated from now) in UTC. Answers the subscription's id.
   */
  async subscribe(
    planId: string,
    terms: PlanTerms,
    seats: number,
    anchorAt: number,
  ): Promise<string> {
    const { services, ids } = this.context;
    await services.plans.publish(this.owner, planId, terms, ids.next("key"), () => ({}));
    const started = await services.subscriptions.start(
      this.owner,
      { plan: planId, seats, anchorAt, timeZone: "UTC" },
      ids.next("key"),
      () => ({}),
    );
    if (!("made" in started)) throw new Error("the demo's subscription was made before");
    return started.made.row.id;
  }

  /** Sets the subscription's seats from now: the plan prorates them. */
  async setSeats(subscriptionId: string, seats: number): Promise<void> {
    const { services, ids } = this.context;
    await services.subscriptions.changeSeats(
      this.owner,
      subscriptionId,
      seats,
      ids.next("key"),
      () => ({}),
    );
  }

  /** Buys one of the plan's packs through the subscription. */
  async buyPack(subscriptionId: string, pack: string): Promise<void> {
    const { services, ids } = this.context;
    await services.subscriptions.topUp(
      this.owner,
      subscriptionId,
      { pack },
      ids.next("key"),
      () => ({}),
    );
  }

  /**
   * Sets the subscription's auto top-up rule: below `threshold`, buy the pack, at most `max` times
   * a month.
   */
  async autoTopUp(subscriptionId: string, rule: AutoTopUpRule): Promise<void> {
    const { services, ids } = this.context;
    await services.subscriptions.setAutoTopUp(
      this.owner,
      subscriptionId,
      rule,
      ids.next("key"),
      () => ({}),
    );
  }

  /** Checks the subscription's auto top-up rule now, as the server's job does; answers a buy. */
  async checkAutoTopUp(subscriptionId: string): Promise<boolean> {
    return this.context.services.autoTopUps.check(this.organizationId, subscriptionId);
  }

  /** Revenue recognition over [from, to), as `GET /v1/reports/revenue` answers it. */
  async revenue(from: number, to: number): Promise<RevenueReport> {
    return this.context.services.revenue.report(this.owner, { from, to });
  }

  /** Renews the subscriptions whose period has ended, as the server's job does. */
  async renewDue(): Promise<number> {
    return this.context.services.subscriptions.renewDue();
  }

  /** Changes a pool's monthly limit from now on, as an admin does after refusals. */
  async setLimit(poolId: string, limit: MonthlyLimit): Promise<void> {
    const answer = await this.context.services.pools.update(
      this.owner,
      poolId,
      { limit: { ...limit, period: "month" } },
      this.context.ids.next("key"),
    );
    idOf(answer, `a new limit on ${poolId}`);
  }

  private async createPool(
    parentId: string,
    name: string,
    drawsFromParent: boolean,
    limit: MonthlyLimit | null,
  ): Promise<string> {
    const answer = await this.context.services.pools.create(
      this.owner,
      {
        parent: parentId,
        name,
        drawsFromParent,
        limit: limit === null ? null : { ...limit, period: "month" },
        overageLimit: null,
      },
      this.context.ids.next("key"),
    );
    const id = idOf(answer, `the pool ${name}`);
    this.pools.set(name, id);
    return id;
  }
}

/** The id of what an answer made; any refusal here is a bug in the demo, not a demo event. */
export function idOf(answer: EngineAnswer, what: string): string {
  const id = resultId(answer.result);
  if (answer.code !== "ok" || id === null) {
    throw new Error(`the demo could not make ${what}: ${answer.code}`);
  }
  return id;
}
