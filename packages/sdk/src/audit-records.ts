/**
 * The audit trail: an organization's administrative changes, hash-chained. `list` reads a page,
 * `export` the records of a span of time as JSON Lines, yielded one record at a time in sequence
 * order, so a reader checks each against the one before it.
 */
import type { Transport } from "./transport.ts";
import type { AuditExportQuery, AuditRecord, AuditRecordList, AuditRecordQuery } from "./types.ts";

export function auditRecordsResource(t: Transport) {
  return {
    /** A page in sequence order; `starting_after` is a sequence number. */
    list: (query: AuditRecordQuery = {}) =>
      t.request<AuditRecordList>({ method: "GET", path: "/v1/audit-records", query }),
    /** At most 31 days (by default the last 31), at most 100,000 records, oldest first. */
    export: (query: AuditExportQuery = {}): AsyncIterableIterator<AuditRecord> =>
      exportLines(t, query),
  };
}

async function* exportLines(
  t: Transport,
  query: AuditExportQuery,
): AsyncIterableIterator<AuditRecord> {
  const text = await t.request<string>({
    method: "GET",
    path: "/v1/audit-records/export",
    query,
    accept: "application/x-ndjson",
  });
  for (const line of text.split("\n")) {
    if (line !== "") yield JSON.parse(line) as AuditRecord;
  }
}

export type AuditRecords = ReturnType<typeof auditRecordsResource>;
