/**
 * How many deliveries a sender may claim at once: within a bound in all, per endpoint and per
 * organization, counting those in flight, so one tenant's slow endpoint holds its few slots and
 * never delays another's. Shared by the SQL and memory stores' claims.
 */

/** How many deliveries may be in flight at once: in all, per endpoint, per organization. */
export interface ClaimBounds {
  readonly total: number;
  readonly perEndpoint: number;
  readonly perOrganization: number;
}

type Slot = { readonly organizationId: string; readonly endpointId: string };

/** Which deliveries fit the bounds, given those in flight; the candidates come earliest first. */
export function withinBounds<T extends Slot>(
  candidates: readonly T[],
  inFlight: readonly Slot[],
  bounds: ClaimBounds,
): T[] {
  const byEndpoint = new Map<string, number>();
  const byOrganization = new Map<string, number>();
  const add = (row: Slot) => {
    const endpoint = `${row.organizationId}/${row.endpointId}`;
    byEndpoint.set(endpoint, (byEndpoint.get(endpoint) ?? 0) + 1);
    byOrganization.set(row.organizationId, (byOrganization.get(row.organizationId) ?? 0) + 1);
  };
  for (const row of inFlight) add(row);
  const chosen: T[] = [];
  for (const row of candidates) {
    if (inFlight.length + chosen.length >= bounds.total) break;
    const endpoint = byEndpoint.get(`${row.organizationId}/${row.endpointId}`) ?? 0;
    const organization = byOrganization.get(row.organizationId) ?? 0;
    if (endpoint >= bounds.perEndpoint || organization >= bounds.perOrganization) continue;
    chosen.push(row);
    add(row);
  }
  return chosen;
}
