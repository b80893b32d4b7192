/**
 * `creditpool verify`: replays every organization's journal from the database and checks every
 * rule of the ledger against it, then reports what it checked and every violation.
 */
import { type VerifyReport, verifyChecks, verifyLedger } from "@creditpool/core";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/port.ts";
import { type AuditBreak, verifyAudit } from "./verify-audit.ts";

export interface DatabaseReport {
  readonly organizations: readonly VerifyReport[];
  /** The first break of each organization's audit chain that has one. */
  readonly audit: readonly AuditBreak[];
  readonly violations: number;
}

export async function verifyDatabase(
  store: Store,
  organizationIds?: readonly string[],
  onProgress?: (report: VerifyReport, index: number, total: number) => void,
): Promise<DatabaseReport> {
  const ids = organizationIds ?? (await store.listOrganizationIds());
  const organizations: VerifyReport[] = [];
  let violations = 0;
  for (const [index, id] of ids.entries()) {
    const report = verifyLedger(await store.readSnapshot(id));
    organizations.push(report);
    violations += report.violations.length;
    onProgress?.(report, index + 1, ids.length);
  }
  // Given a list, only those organizations' chains; otherwise every chain the store keeps.
  const audit = await verifyAudit(store, ids, organizationIds === undefined);
  return { organizations, audit, violations: violations + audit.length };
}

/** `verifyDatabase` on the database at `location`, opened for it and closed after. */
export async function verifyLocation(
  location: string,
  organizationIds?: readonly string[],
  onProgress?: (report: VerifyReport, index: number, total: number) => void,
): Promise<DatabaseReport> {
  const store = await openStore(location);
  try {
    return await verifyDatabase(store, organizationIds, onProgress);
  } finally {
    await store.close();
  }
}

export function formatReport(report: DatabaseReport): string {
  const lines: string[] = ["Checked, for every organization:"];
  for (const check of verifyChecks) lines.push(`  - ${check}`);
  let transfers = 0;
  for (const organization of report.organizations) {
    const c = organization.counts;
    transfers += c.transfers;
    const verdict =
      organization.violations.length === 0
        ? "ok"
        : `${organization.violations.length} violation(s)`;
    lines.push(
      `${organization.organizationId}: ${c.transfers} transfers, ${c.pools} pools, ${c.grants} grants, ${c.holds} holds: ${verdict}`,
    );
    for (const v of organization.violations)
      lines.push(`  ! [${v.rule}] ${v.subject}: ${v.detail}`);
  }
  lines.push("Audit trail: every organization's chain of records, sequences and hashes.");
  for (const b of report.audit)
    lines.push(`  ! [audit] ${b.organizationId} record ${b.sequence}: ${b.problem}`);
  lines.push(
    report.violations === 0
      ? `Clean: ${report.organizations.length} organization(s), ${transfers} transfers replayed.`
      : `FAILED: ${report.violations} violation(s) in ${report.organizations.length} organization(s).`,
  );
  return lines.join("\n");
}
