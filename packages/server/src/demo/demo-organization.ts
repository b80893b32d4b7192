/**
 * Acme AI in a database: the organization and its pool tree made through the engine, its members
 * and keys written to the directory as the API would write them. Keys are made from the system's
 * random source, never the demo's seed: they are real credentials for the served API.
 */
import type { GrantSource, Micros } from "@creditpool/core";
import { hashKey, keyPrefixLength, newKeySecret } from "../access/keys.ts";
import type { Clock, Engine } from "../engine/engine.ts";
import { type EngineAnswer, resultId } from "../engine/results.ts";
import type { IdSource, RandomFill } from "../ids.ts";
import type { Role } from "../store/directory.ts";
import type { Store } from "../store/port.ts";
import type { AcmeSpec, ActorSpec, MonthlyLimit } from "./acme.ts";

export interface DemoContext {
  readonly engine: Engine;
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** For key secrets only. */
  readonly fillSecret: RandomFill;
}

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
  /** Pool ids by name; the root pool is under the organization's name. */
  readonly pools = new Map<string, string>();
  /** By pool name, the name of the pool that funds it: the root, or a department funded alone. */
  private readonly carriers = new Map<string, string>();

  private constructor(
    private readonly context: DemoContext,
    readonly organizationId: string,
    readonly rootPoolId: string,
  ) {}

  /** The organization, its departments and teams, and every member who is there from the start. */
  static async create(context: DemoContext, spec: AcmeSpec): Promise<DemoOrganization> {
    const row = await context.engine.createOrganization(spec.name);
    const organization = new DemoOrganization(context, row.id, row.rootPoolId);
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

  carrierName(name: string): string {
    const id = this.carriers.get(name);
    if (id === undefined) throw new Error(`the demo has no pool named ${name}`);
    return id;
  }

  /** A member and their key: bound to their team's pool, or organization-wide for org roles. */
  async addMember(actor: ActorSpec): Promise<void> {
    const { store, ids, clock } = this.context;
    const now = clock();
    const poolId = actor.team === null ? null : this.poolId(actor.team);
    const memberId = ids.next("mem");
    const handle = actor.name.toLowerCase().replace(/[^a-z]+/g, ".");
    await store.insertMember(
      {
        id: memberId,
        organizationId: this.organizationId,
        name: actor.name,
        kind: actor.kind,
        role: actor.role,
        poolId,
        email: actor.kind === "person" ? `${handle}@acme.example` : null,
        createdAt: now,
      },
      null,
    );
    const secret = newKeySecret(this.context.fillSecret);
    const name = actor.kind === "agent" ? `${actor.name} (agent)` : `${actor.name} (${actor.role})`;
    await store.insertKey(
      {
        id: ids.next("key"),
        organizationId: this.organizationId,
        prefix: secret.slice(0, keyPrefixLength),
        hash: hashKey(secret),
        role: actor.role,
        poolId,
        memberId,
        name,
        createdAt: now,
        revokedAt: null,
      },
      null,
    );
    this.keys.push({ role: actor.role, name, pool: actor.team, secret });
  }

  async grant(poolName: string, terms: GrantTerms): Promise<string> {
    const answer = await this.context.engine.submit(this.organizationId, {
      type: "create_grant",
      poolId: this.poolId(poolName),
      amount: terms.amount,
      source: terms.source,
      priority: terms.priority ?? 100,
      effectiveAt: terms.effectiveAt ?? null,
      expiresAt: terms.expiresAt ?? null,
      costBasis: terms.costBasis ?? 0n,
    });
    return idOf(answer, `a ${terms.source} grant on ${poolName}`);
  }

  async voidGrant(grantId: string): Promise<void> {
    const answer = await this.context.engine.submit(this.organizationId, {
      type: "void_grant",
      grantId,
    });
    idOf(answer, `voiding ${grantId}`);
  }

  /** Changes a pool's monthly limit from now on, as an admin does after refusals. */
  async setLimit(poolId: string, limit: MonthlyLimit): Promise<void> {
    const answer = await this.context.engine.submit(this.organizationId, {
      type: "update_pool",
      poolId,
      limit: { ...limit, period: "month" },
    });
    idOf(answer, `a new limit on ${poolId}`);
  }

  private async createPool(
    parentId: string,
    name: string,
    drawsFromParent: boolean,
    limit: MonthlyLimit | null,
  ): Promise<string> {
    const answer = await this.context.engine.submit(this.organizationId, {
      type: "create_pool",
      parentId,
      name,
      drawsFromParent,
      limit: limit === null ? null : { ...limit, period: "month" },
      overageLimit: null,
    });
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
