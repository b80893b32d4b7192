/**
 * The audit trail's part of `creditpool verify`: walks each organization's chain in sequence
 * order, a page at a time, and reports the first record that breaks it: a sequence missing or out
 * of place (a row deleted or moved), a `prev_hash` that is not the previous record's hash (rows
 * reordered), a hash that is not its record's (a row edited), or a head that does not match the
 * chain's last record (the newest rows deleted or edited).
 */
import { limits } from "@creditpool/core";
import { type AuditRecord, auditGenesisHash, auditHash, type Store } from "../store/port.ts";

export interface AuditBreak {
  readonly organizationId: string;
  readonly sequence: number;
  readonly problem: string;
}

/** What is wrong with `record` as the one after `sequence - 1` whose hash is `prevHash`. */
export function chainProblem(record: AuditRecord, sequence: number, prevHash: string) {
  if (record.sequence !== sequence)
    return `expected sequence ${sequence}, found ${record.sequence}: a record is missing or moved`;
  if (record.prevHash !== prevHash)
    return "prev_hash is not the previous record's hash: records were reordered or replaced";
  if (auditHash(record) !== record.hash) return "hash does not match the record: it was edited";
  return null;
}

/** The first break in one organization's chain, or null when it is whole. */
export async function verifyAuditChain(
  store: Store,
  organizationId: string,
): Promise<AuditBreak | null> {
  const head = await store.readAuditHead(organizationId);
  let sequence = 1;
  let prevHash = auditGenesisHash;
  for (;;) {
    const records = await store.listAuditRecords(organizationId, {
      afterSequence: sequence - 1,
      limit: limits.auditVerifyPageSize,
    });
    for (const record of records) {
      const problem = chainProblem(record, sequence, prevHash);
      if (problem !== null) return { organizationId, sequence, problem };
      prevHash = record.hash;
      sequence += 1;
    }
    if (records.length < limits.auditVerifyPageSize) break;
  }
  const last = sequence - 1;
  const headSequence = head?.sequence ?? 0;
  if (headSequence !== last)
    return {
      organizationId,
      sequence: Math.min(headSequence, last) + 1,
      problem: `the chain head is at sequence ${headSequence} but the records end at ${last}`,
    };
  if (head !== null && head.hash !== prevHash)
    return {
      organizationId,
      sequence: last,
      problem: "the chain head's hash is not the last record's",
    };
  return null;
}

/** The organizations' chains and, with `everyStored`, every other chain the store keeps. */
export async function verifyAudit(
  store: Store,
  organizationIds: readonly string[],
  everyStored: boolean,
): Promise<AuditBreak[]> {
  const ids = new Set(organizationIds);
  let after = "";
  while (everyStored) {
    const page = await store.listAuditOrganizations(after, limits.auditVerifyPageSize);
    for (const id of page) ids.add(id);
    const last = page[page.length - 1];
    if (last === undefined || page.length < limits.auditVerifyPageSize) break;
    after = last;
  }
  const breaks: AuditBreak[] = [];
  for (const id of [...ids].sort()) {
    const found = await verifyAuditChain(store, id);
    if (found !== null) breaks.push(found);
  }
  return breaks;
}
