/**
 * Routing policies in process memory, with the databases' contract (`../routing-policies.ts`):
 * rows copied in and out, one policy a pool, changes conditional on the version, and each
 * change's answer or audit record written in the same step, under the lock.
 */
import type { AuditEntry } from "../audit.ts";
import type { Page, ScopedAnswer } from "../directory.ts";
import {
  checkRoutingPolicy,
  type RoutingPolicyInsert,
  type RoutingPolicyRow,
  type RoutingPolicyStore,
} from "../routing-policies.ts";
import { keptOf, pageOf, storedOf } from "./kept.ts";
import type { MemoryHost } from "./memory-billing.ts";

export class MemoryRoutingPolicies implements RoutingPolicyStore {
  /** By organization, then by id. */
  private readonly policies = new Map<string, Map<string, RoutingPolicyRow>>();

  constructor(private readonly host: MemoryHost) {}

  private of(organizationId: string): Map<string, RoutingPolicyRow> {
    let found = this.policies.get(organizationId);
    if (found === undefined) {
      found = new Map();
      this.policies.set(organizationId, found);
    }
    return found;
  }

  insertRoutingPolicy(
    row: RoutingPolicyRow,
    answer: ScopedAnswer | null,
  ): Promise<RoutingPolicyInsert> {
    checkRoutingPolicy(row);
    return this.host.lock.run(async () => {
      const stored =
        answer === null ? undefined : this.host.answersIn(answer.scope).get(answer.key);
      if (stored !== undefined) return storedOf(stored);
      const policies = this.of(row.organizationId);
      if ([...policies.values()].some((policy) => policy.poolId === row.poolId))
        return "pool_has_policy";
      if (policies.has(row.id)) throw new Error(`routing policy ${row.id} exists`);
      policies.set(row.id, { ...row });
      if (answer !== null) this.host.answersIn(answer.scope).set(answer.key, keptOf(answer));
      return null;
    });
  }

  async readRoutingPolicy(organizationId: string, id: string) {
    const row = this.policies.get(organizationId)?.get(id);
    return row === undefined ? null : { ...row };
  }

  async listRoutingPolicies(organizationId: string, page: Page) {
    const rows = [...(this.policies.get(organizationId)?.values() ?? [])];
    return pageOf(rows, page).map((row) => ({ ...row }));
  }

  async routingPoliciesOfPools(organizationId: string, poolIds: readonly string[]) {
    return [...(this.policies.get(organizationId)?.values() ?? [])]
      .filter((row) => poolIds.includes(row.poolId))
      .map((row) => ({ ...row }));
  }

  updateRoutingPolicy(next: RoutingPolicyRow, expectedVersion: number, audit: AuditEntry) {
    checkRoutingPolicy(next, expectedVersion);
    return this.host.lock.run(async () => {
      const stored = this.policies.get(next.organizationId)?.get(next.id);
      if (stored?.version !== expectedVersion) return false;
      this.of(next.organizationId).set(next.id, { ...next });
      this.host.audit.append([audit]);
      return true;
    });
  }

  deleteRoutingPolicy(
    organizationId: string,
    id: string,
    expectedVersion: number,
    audit: AuditEntry,
  ) {
    return this.host.lock.run(async () => {
      const stored = this.policies.get(organizationId)?.get(id);
      if (stored?.version !== expectedVersion) return false;
      this.of(organizationId).delete(id);
      this.host.audit.append([audit]);
      return true;
    });
  }
}
