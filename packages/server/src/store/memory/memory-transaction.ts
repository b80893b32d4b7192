/**
 * The memory store's ledger transaction: an organization's rows (its tenant) read as a state and
 * written on commit, with the directory parts a new organization touches (its owner key and
 * answer) and the governance and audit rows a batch carries.
 */
import type { Grant, Hold, LedgerState, PeriodCounter, Pool, Transfer } from "@creditpool/core";
import type { AuditEntry } from "../audit.ts";
import type { KeyRow, MemberRow, OrganizationOwner } from "../directory.ts";
import type { DecisionRow } from "../governance.ts";
import type { BatchWrite, OrganizationRow, StoredAnswer, StoreTransaction } from "../port.ts";
import { assembleState, isLiveGrant } from "../rows.ts";
import { compare, type KeptAnswer, keptOf, storedOf } from "./kept.ts";

export interface Tenant {
  members: Map<string, MemberRow>;
  organization: OrganizationRow;
  pools: Map<string, Pool>;
  grants: Map<string, Grant>;
  holds: Map<string, Hold>;
  /** The live grants and open holds, as the databases' partial indexes keep them. */
  liveGrants: Map<string, Grant>;
  openHolds: Map<string, Hold>;
  transfers: Transfer[];
  answers: Map<string, KeptAnswer>;
}

/** What a transaction uses of the store around it. */
export interface TransactionHost {
  answersIn(scope: string): Map<string, KeptAnswer>;
  newAnswers(): Map<string, KeptAnswer>;
  checkNewKey(key: KeyRow): void;
  addKey(key: KeyRow): void;
  readonly governance: {
    loadTallies(organizationId: string, keys: readonly string[]): Map<string, PeriodCounter>;
    write(
      organizationId: string,
      tallies: readonly (readonly [string, PeriodCounter])[],
      decisions: readonly DecisionRow[],
    ): void;
  };
  readonly audit: { append(entries: readonly AuditEntry[]): void };
}

/** The tenant's state; given `dueBy`, with only the open holds due by then. */
export function stateOf(tenant: Tenant, dueBy = Number.POSITIVE_INFINITY): LedgerState {
  const pools = [...tenant.pools.values()].sort((a, b) => a.depth - b.depth || compare(a.id, b.id));
  const grants = [...tenant.liveGrants.values()];
  const holds = [...tenant.openHolds.values()].filter((hold) => hold.expiresAt <= dueBy);
  return assembleState(
    tenant.organization,
    structuredClone(pools),
    structuredClone(grants),
    structuredClone(holds),
  );
}

export class MemoryTransaction implements StoreTransaction {
  constructor(
    private readonly tenants: Map<string, Tenant>,
    private readonly directory: TransactionHost,
    private readonly pending: (() => void)[],
  ) {}

  async lockOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationRow>> {
    const found = new Map<string, OrganizationRow>();
    for (const id of ids) {
      const tenant = this.tenants.get(id);
      if (tenant !== undefined) found.set(id, tenant.organization);
    }
    return found;
  }

  async loadState(organization: OrganizationRow): Promise<LedgerState> {
    return stateOf(this.tenant(organization.id));
  }

  async loadHolds(organizationId: string, ids: readonly string[]): Promise<Hold[]> {
    const holds = this.tenants.get(organizationId)?.holds;
    return ids.flatMap((id) => {
      const hold = holds?.get(id);
      return hold === undefined ? [] : [structuredClone(hold)];
    });
  }

  async loadGrants(organizationId: string, ids: readonly string[]): Promise<Grant[]> {
    const grants = this.tenants.get(organizationId)?.grants;
    return ids.flatMap((id) => {
      const grant = grants?.get(id);
      return grant === undefined ? [] : [structuredClone(grant)];
    });
  }

  async findAnswers(
    organizationId: string,
    keys: readonly string[],
  ): Promise<Map<string, StoredAnswer>> {
    const answers = this.tenants.get(organizationId)?.answers;
    const found = new Map<string, StoredAnswer>();
    for (const key of keys) {
      const answer = answers?.get(key);
      if (answer !== undefined) found.set(key, storedOf(answer));
    }
    return found;
  }

  async loadTallies(organizationId: string, keys: readonly string[]) {
    return this.directory.governance.loadTallies(organizationId, keys);
  }

  async createOrganization(
    organization: OrganizationRow,
    root: Pool,
    owner?: OrganizationOwner,
  ): Promise<StoredAnswer | null> {
    if (owner !== undefined) {
      const stored = this.directory.answersIn(owner.answer.scope).get(owner.answer.key);
      if (stored !== undefined) return stored;
      this.directory.checkNewKey(owner.key);
    }
    if (this.tenants.has(organization.id))
      throw new Error(`organization ${organization.id} exists`);
    const copy = structuredClone(root);
    this.pending.push(() => {
      this.tenants.set(organization.id, {
        organization,
        pools: new Map([[copy.id, copy]]),
        grants: new Map(),
        holds: new Map(),
        liveGrants: new Map(),
        openHolds: new Map(),
        transfers: [],
        answers: this.directory.newAnswers(),
        members: new Map(),
      });
      if (owner === undefined) return;
      this.directory.addKey(owner.key);
      const { scope, key } = owner.answer;
      this.directory.answersIn(scope).set(key, keptOf(owner.answer));
    });
    return null;
  }

  async write(batch: BatchWrite): Promise<void> {
    const copy = structuredClone(batch);
    this.pending.push(() => {
      const tenant = this.tenant(copy.organization.id);
      tenant.organization = copy.organization;
      for (const pool of copy.pools) tenant.pools.set(pool.id, pool);
      for (const grant of copy.grants) {
        tenant.grants.set(grant.id, grant);
        if (isLiveGrant(grant)) tenant.liveGrants.set(grant.id, grant);
        else tenant.liveGrants.delete(grant.id);
      }
      for (const hold of copy.holds) {
        tenant.holds.set(hold.id, hold);
        if (hold.status === "held") tenant.openHolds.set(hold.id, hold);
        else tenant.openHolds.delete(hold.id);
      }
      tenant.transfers.push(...copy.transfers);
      for (const a of copy.answers) {
        if (tenant.answers.has(a.key)) throw new Error(`idempotency key ${a.key} stored twice`);
        tenant.answers.set(a.key, keptOf(a));
      }
      this.directory.governance.write(tenant.organization.id, copy.tallies, copy.decisions);
      if (copy.audit !== undefined && copy.audit.length > 0)
        this.directory.audit.append(copy.audit);
    });
  }

  private tenant(id: string): Tenant {
    const tenant = this.tenants.get(id);
    if (tenant === undefined) throw new Error(`organization ${id} does not exist`);
    return tenant;
  }
}
