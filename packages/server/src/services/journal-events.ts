/**
 * Which journal transfers are events, and what each says. The journal is committed with the change
 * it records, so an event derived from it is never lost and never tells of a rolled-back change.
 *
 * - `grant` → `grant.issued`; `debt` → `pool.debt`; `debt_payment` → `pool.debt_paid`.
 * - `expire` or `void` into breakage → `grant.expired` or `grant.voided`, once per grant (its first
 *   such transfer: credits returned later to a closed grant are forfeited without another event).
 * - `grant.depleted`: after a page, each grant a consumption touched (`capture`, `usage`,
 *   `debt_payment`) is read as it stands; one left open with nothing remaining and nothing held
 *   is depleted, told once per grant. A grant that closed before the projector read it is told
 *   as expired or voided instead.
 */
import { accounts, formatDecimal, type Grant, type Transfer } from "@creditpool/core";
import type { EventDraft, EventType } from "../store/port.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const consuming = new Set<Transfer["kind"]>(["capture", "usage", "debt_payment"]);

/** The grants whose depletion a page of transfers may have caused. */
export function consumedGrants(transfers: readonly Transfer[]): string[] {
  const ids = new Set<string>();
  for (const transfer of transfers)
    if (consuming.has(transfer.kind) && transfer.grantId !== null) ids.add(transfer.grantId);
  return [...ids];
}

function grantData(grant: Grant | null, transfer: Transfer) {
  return {
    grant: transfer.grantId,
    pool: grant?.poolId ?? transfer.poolId,
    amount: formatDecimal(transfer.amount),
    source: grant?.source ?? null,
    expires_at: iso(grant?.expiresAt ?? null),
    transfer: transfer.id,
    sequence: transfer.sequence,
  };
}

function eventOf(
  organizationId: string,
  type: EventType,
  data: Record<string, unknown>,
  at: number,
  dedupeKey: string | null = null,
): EventDraft {
  return { organizationId, type, data: JSON.stringify(data), createdAt: at, dedupeKey };
}

/** The events of a page of one organization's journal, in journal order. */
export function journalEvents(
  organizationId: string,
  transfers: readonly Transfer[],
  grantOf: (id: string) => Grant | null,
): EventDraft[] {
  const events: EventDraft[] = [];
  for (const transfer of transfers) {
    const grant = transfer.grantId === null ? null : grantOf(transfer.grantId);
    const toBreakage = transfer.creditAccount === accounts.breakage;
    const at = transfer.at;
    switch (transfer.kind) {
      case "grant":
        events.push(eventOf(organizationId, "grant.issued", grantData(grant, transfer), at));
        break;
      case "expire":
      case "void":
        if (!toBreakage || transfer.grantId === null) break;
        {
          const type = transfer.kind === "void" ? "grant.voided" : "grant.expired";
          const data = grantData(grant, transfer);
          events.push(eventOf(organizationId, type, data, at, `${type}:${transfer.grantId}`));
        }
        break;
      case "debt":
        events.push(
          eventOf(
            organizationId,
            "pool.debt",
            {
              pool: transfer.poolId,
              carrier: transfer.debitAccount.slice("debt:".length),
              amount: formatDecimal(transfer.amount),
              hold: transfer.holdId,
              transfer: transfer.id,
              sequence: transfer.sequence,
            },
            at,
          ),
        );
        break;
      case "debt_payment":
        events.push(
          eventOf(
            organizationId,
            "pool.debt_paid",
            {
              pool: transfer.poolId,
              grant: transfer.grantId,
              amount: formatDecimal(transfer.amount),
              transfer: transfer.id,
              sequence: transfer.sequence,
            },
            at,
          ),
        );
        break;
      default:
        break;
    }
  }
  return events;
}

/** `grant.depleted` for a grant that stands open with nothing left and nothing held. */
export function depletedEvent(organizationId: string, grant: Grant, at: number): EventDraft | null {
  if (grant.closed !== null || grant.remaining !== 0n || grant.held !== 0n) return null;
  const data = {
    grant: grant.id,
    pool: grant.poolId,
    amount: formatDecimal(grant.amount),
    source: grant.source,
    expires_at: iso(grant.expiresAt),
  };
  return eventOf(organizationId, "grant.depleted", data, at, `grant.depleted:${grant.id}`);
}

/** `grant.expiring_soon` for a live grant with credits left, once per grant. */
export function expiringSoonEvent(organizationId: string, grant: Grant, at: number): EventDraft {
  const data = {
    grant: grant.id,
    pool: grant.poolId,
    remaining: formatDecimal(grant.remaining),
    expires_at: iso(grant.expiresAt),
  };
  return eventOf(
    organizationId,
    "grant.expiring_soon",
    data,
    at,
    `grant.expiring_soon:${grant.id}`,
  );
}
