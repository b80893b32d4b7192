/**
 * An organization's time: the later of this node's clock and the latest `now` its ledger has
 * applied. Time never runs backwards for an organization, so decisions about it (is a period
 * over? when does a change start?) read this, not the clock alone. For most organizations the two
 * differ by clock skew between nodes at most; a test clock moves an organization's ledger ahead of
 * the clock on purpose (`test-clocks.ts`), and then every decision follows it.
 */
import type { ServiceContext } from "./context.ts";

export async function organizationNow(
  context: Pick<ServiceContext, "store" | "clock">,
  organizationId: string,
): Promise<number> {
  const now = context.clock();
  const row = await context.store.readOrganization(organizationId);
  return row === null ? now : Math.max(now, row.lastNow);
}
