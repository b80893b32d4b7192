/** Pure helpers of the governance view: the order alerts are shown in, and how figures read. */

import { exactCredits } from "../../format.ts";
import type { Alert, AuditRecord } from "./governance-types.ts";

const statusRank: Readonly<Record<Alert["status"], number>> = {
  open: 0,
  acknowledged: 1,
  resolved: 2,
};

/** Open alerts first, then acknowledged, then resolved; newest first within each. */
export function alertsInOrder(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] || b.observed_at.localeCompare(a.observed_at),
  );
}

/** A figure of an alert in its unit: "83.4%", "1,200 credits", "12 members". */
export function alertFigure(value: string | null, unit: Alert["unit"]): string {
  if (value === null) return "—";
  if (unit === "percent") return `${exactCredits(value)}%`;
  return `${exactCredits(value)} ${unit}`;
}

/** Who made a change, in words. */
export function actorText(actor: AuditRecord["actor"]): string {
  if (actor.type === "system") return "system";
  if (actor.type === "operator") return `operator ${actor.id}`;
  return `${actor.id} (${actor.role})`;
}

/** An audit filter's day as the API's time: its start, or for an end the next day's start. */
export function auditTime(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start)) return undefined;
  return new Date(end ? start + 86_400_000 : start).toISOString();
}
