/** The gateway's call log in process memory, with the databases' contract (`../gateway-calls.ts`). */
import type { Page } from "../directory.ts";
import {
  checkGatewayCall,
  type GatewayCallFilter,
  type GatewayCallRow,
  type GatewayCallStore,
} from "../gateway-calls.ts";

export class MemoryGatewayCalls implements GatewayCallStore {
  private readonly calls = new Map<string, Map<string, GatewayCallRow>>();

  async insertGatewayCalls(rows: readonly GatewayCallRow[]): Promise<void> {
    for (const row of rows) checkGatewayCall(row);
    for (const row of rows) this.insert(row);
  }

  private insert(row: GatewayCallRow): void {
    let calls = this.calls.get(row.organizationId);
    if (calls === undefined) {
      calls = new Map();
      this.calls.set(row.organizationId, calls);
    }
    if (calls.has(row.id)) throw new Error(`gateway call ${row.id} exists`);
    calls.set(row.id, { ...row });
  }

  async readGatewayCall(organizationId: string, id: string) {
    const row = this.calls.get(organizationId)?.get(id);
    return row === undefined ? null : { ...row };
  }

  async listGatewayCalls(organizationId: string, filter: GatewayCallFilter, page: Page) {
    const rows = [...(this.calls.get(organizationId)?.values() ?? [])].filter(
      (row) =>
        (page.startingAfter === undefined || row.id < page.startingAfter) &&
        (filter.poolId === undefined || row.poolId === filter.poolId) &&
        (filter.keyId === undefined || row.keyId === filter.keyId) &&
        (filter.memberId === undefined || row.memberId === filter.memberId),
    );
    return rows
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, page.limit)
      .map((row) => ({ ...row }));
  }
}
