/**
 * What the engine does outside its batches, so that any node (or the thread serving requests
 * while the engine runs on another) may do it: create an organization, which touches no cached
 * state, and read an organization's view as of now, which writes nothing unless time alone made
 * a grant that must be found.
 */
import { beginBatch, type LedgerState, newPool, noDueTime } from "@creditpool/core";
import type { IdSource } from "../ids.ts";
import type { OrganizationCreated, OrganizationOwner } from "../store/directory.ts";
import type { OrganizationRow, Store } from "../store/port.ts";

/**
 * Creates an organization with its root pool in one transaction. Given `owner`, which makes the
 * new organization's owner key and the answer to the request, writes both in the same
 * transaction; the answer claims its idempotency key first, and when the key is already stored
 * in its scope nothing is written and the stored answer comes back instead. Nothing of it touches
 * an engine's cached state, so any node may run it.
 */
export async function createOrganizationIn(
  store: Store,
  now: number,
  ids: IdSource,
  name: string,
  owner?: (organization: OrganizationRow) => OrganizationOwner,
): Promise<OrganizationRow | OrganizationCreated> {
  const organization: OrganizationRow = {
    id: ids.next("org"),
    name,
    rootPoolId: ids.next("pool"),
    version: 1,
    lastNow: now,
    nextSequence: 1,
    nextDueAt: noDueTime,
    createdAt: now,
  };
  const root = newPool(
    {
      id: organization.rootPoolId,
      parentId: null,
      depth: 1,
      name,
      drawsFromParent: false,
      limit: null,
      overageLimit: null,
    },
    now,
  );
  const written = owner?.(organization);
  const stored = await store.transaction((tx) =>
    tx.createOrganization(organization, root, written),
  );
  if (owner === undefined) return organization;
  return stored === null ? { organization } : { stored };
}

/**
 * The organization's committed state moved to `now`, never written. When time alone made a grant
 * on the way (one rolling over) that is not stored yet, a read could name it and not find it: the
 * organization is ticked first, so the grant is written, and the view read again.
 */
export async function viewOf(
  engine: { tick(organizationId: string): Promise<void> },
  store: Store,
  organizationId: string,
  now: () => number,
): Promise<LedgerState | null> {
  for (let attempt = 0; ; attempt += 1) {
    const at = now();
    const state = await store.readView(organizationId, at);
    if (state === null) return null;
    const { transfers } = beginBatch(state, at, () => "txn_view");
    const madeGrants = transfers.some((transfer) => transfer.kind === "grant");
    if (!madeGrants || attempt > 0) return state;
    await engine.tick(organizationId);
  }
}
