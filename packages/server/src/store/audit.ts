/**
 * The audit trail: one append-only record per administrative change, chained per organization.
 * Each record names the hash of the one before it, and its own hash is SHA-256 over the canonical
 * JSON of its exported form, so editing, deleting or reordering a row breaks the chain where it
 * happened. The chain is extended only in the transaction that makes the change, under the
 * organization's chain head (its last sequence and hash), which that transaction locks: two nodes
 * sharing one database never give two records the same sequence.
 */
import { createHash } from "node:crypto";
import { invariant } from "@creditpool/core";
import { type Cell, int, type Row, text, textOrNull } from "./rows.ts";

/** `SqlRun` and `SqlRunner` of `directory.ts`, restated so the two files import in one direction. */
type SqlRun = (sql: string, params: readonly Cell[]) => Promise<Row[]>;
interface SqlRunner {
  all(sql: string, params: readonly Cell[]): Promise<Row[]>;
}

/** Who made a change: a key of the organization, the operator's key, or a job of the system. */
export type AuditActor =
  | { readonly type: "key"; readonly id: string; readonly role: string }
  | { readonly type: "operator"; readonly id: string }
  | { readonly type: "system" };

/** A change to record, as its writer gives it; the store chains it. */
export interface AuditEntry {
  readonly id: string;
  readonly organizationId: string;
  readonly at: number;
  readonly actor: AuditActor;
  readonly requestId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  /** The object's API view before and after the change; null where it did not exist. */
  readonly before: unknown;
  readonly after: unknown;
}

/** A record as stored: the entry, its place in the chain and the two hashes. */
export interface AuditRecord extends AuditEntry {
  readonly sequence: number;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditHead {
  readonly sequence: number;
  readonly hash: string;
}

export interface AuditQuery {
  /** Only records whose sequence is above this one. */
  readonly afterSequence: number;
  readonly limit: number;
  readonly action?: string;
  readonly targetId?: string;
  /** A key's id, or `operator` or `system`. */
  readonly actor?: string;
  /** Only records at or after `fromAt` and before `toAt` (epoch milliseconds). */
  readonly fromAt?: number;
  readonly toAt?: number;
}

export interface AuditStore {
  /** An organization's records in sequence order. */
  listAuditRecords(organizationId: string, query: AuditQuery): Promise<AuditRecord[]>;
  /** The organization's chain head, or null before its first record. */
  readAuditHead(organizationId: string): Promise<AuditHead | null>;
  /** Organizations with a chain head, by id, after `afterId`: what `verify` walks. */
  listAuditOrganizations(afterId: string, limit: number): Promise<string[]>;
}

/** The hash before an organization's first record. */
export const auditGenesisHash = "0".repeat(64);

/**
 * The record as the API and an export show it, without its own hash: exactly what the hash
 * covers. A third party recomputes a hash from an exported line by removing `hash` and hashing
 * the canonical JSON of the rest.
 */
export function auditExported(record: Omit<AuditRecord, "hash">) {
  return {
    id: record.id,
    object: "audit_record" as const,
    organization: record.organizationId,
    sequence: record.sequence,
    at: new Date(record.at).toISOString(),
    actor: record.actor,
    request_id: record.requestId,
    action: record.action,
    target: { type: record.targetType, id: record.targetId },
    before: record.before ?? null,
    after: record.after ?? null,
    prev_hash: record.prevHash,
  };
}

/** SHA-256, hex, of the canonical JSON of the record's exported form. */
export function auditHash(record: Omit<AuditRecord, "hash">): string {
  return createHash("sha256")
    .update(canonicalJson(auditExported(record)))
    .digest("hex");
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort` does), no
 * whitespace, and `undefined` properties left out: one text for one value, whatever the order
 * its keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const written = JSON.stringify(value);
    invariant(written !== undefined, "an audit record holds JSON values only");
    return written;
  }
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(",")}}`;
}

/** Chains entries after `head` (null: the first record), in the order given. */
export function chainAfter(head: AuditHead | null, entries: readonly AuditEntry[]): AuditRecord[] {
  let sequence = head?.sequence ?? 0;
  let prevHash = head?.hash ?? auditGenesisHash;
  return entries.map((entry) => {
    invariant(entry.organizationId !== "", "an audit record belongs to an organization");
    sequence += 1;
    const unsigned = { ...entry, before: entry.before ?? null, after: entry.after ?? null };
    const record = {
      ...unsigned,
      sequence,
      prevHash,
      hash: auditHash({ ...unsigned, sequence, prevHash }),
    };
    prevHash = record.hash;
    return record;
  });
}

/** The JSON a cell keeps, read back; `before` and `after` hold JSON text or null. */
function jsonOrNull(cell: Cell | undefined): unknown {
  const value = textOrNull(cell ?? null);
  return value === null ? null : JSON.parse(value);
}

function actorOf(row: Row): AuditActor {
  const type = text(row.actor_type);
  if (type === "system") return { type: "system" };
  if (type === "operator") return { type: "operator", id: text(row.actor_id) };
  return { type: "key", id: text(row.actor_id), role: text(row.actor_role) };
}

export function rowToAuditRecord(row: Row): AuditRecord {
  return {
    id: text(row.id),
    organizationId: text(row.organization_id),
    sequence: int(row.sequence),
    at: int(row.at),
    actor: actorOf(row),
    requestId: textOrNull(row.request_id),
    action: text(row.action),
    targetType: text(row.target_type),
    targetId: text(row.target_id),
    before: jsonOrNull(row.before_view),
    after: jsonOrNull(row.after_view),
    prevHash: text(row.prev_hash),
    hash: text(row.hash),
  };
}

const auditColumns = [
  "organization_id",
  "sequence",
  "id",
  "at",
  "actor_type",
  "actor_id",
  "actor_role",
  "request_id",
  "action",
  "target_type",
  "target_id",
  "before_view",
  "after_view",
  "prev_hash",
  "hash",
];

const insertAuditSql = `INSERT INTO audit_records (${auditColumns.join(", ")})
  VALUES (${auditColumns.map(() => "?").join(", ")})`;

function auditCells(record: AuditRecord): Cell[] {
  const { actor } = record;
  return [
    record.organizationId,
    record.sequence,
    record.id,
    record.at,
    actor.type,
    actor.type === "system" ? null : actor.id,
    actor.type === "key" ? actor.role : null,
    record.requestId,
    record.action,
    record.targetType,
    record.targetId,
    record.before === null ? null : canonicalJson(record.before),
    record.after === null ? null : canonicalJson(record.after),
    record.prevHash,
    record.hash,
  ];
}

/**
 * Appends entries to their organizations' chains inside the caller's transaction. The head's row
 * is claimed by an upsert that changes nothing, which on PostgreSQL takes its row lock: a second
 * writer of the same organization waits here until the first commits, then reads the head that
 * one left. SQLite writers are serialised by the database's write lock already.
 */
export async function appendAudit(run: SqlRun, entries: readonly AuditEntry[]): Promise<void> {
  const byOrganization = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const group = byOrganization.get(entry.organizationId);
    if (group === undefined) byOrganization.set(entry.organizationId, [entry]);
    else group.push(entry);
  }
  // Ascending organization id, as batches lock organizations, so two writers never deadlock.
  for (const organizationId of [...byOrganization.keys()].sort()) {
    const [head] = await run(
      `INSERT INTO audit_heads (organization_id, sequence, hash) VALUES (?, 0, ?)
        ON CONFLICT (organization_id) DO UPDATE SET sequence = audit_heads.sequence
        RETURNING sequence, hash`,
      [organizationId, auditGenesisHash],
    );
    invariant(head !== undefined, "the chain head is claimed");
    const records = chainAfter(
      { sequence: int(head.sequence), hash: text(head.hash) },
      byOrganization.get(organizationId) ?? [],
    );
    for (const record of records) await run(insertAuditSql, auditCells(record));
    const last = records[records.length - 1];
    if (last !== undefined)
      await run("UPDATE audit_heads SET sequence = ?, hash = ? WHERE organization_id = ?", [
        last.sequence,
        last.hash,
        organizationId,
      ]);
  }
}

/** The conditions of an audit query after the organization and the sequence cursor. */
export function auditConditions(query: AuditQuery): [string, Cell][] {
  const conditions: [string, Cell | undefined][] = [
    ["action = ?", query.action],
    ["target_id = ?", query.targetId],
    ["at >= ?", query.fromAt],
    ["at < ?", query.toAt],
  ];
  const found = conditions.filter((entry): entry is [string, Cell] => entry[1] !== undefined);
  if (query.actor === "system" || query.actor === "operator")
    found.push(["actor_type = ?", query.actor]);
  else if (query.actor !== undefined) found.push(["actor_id = ?", query.actor]);
  return found;
}

/** Whether a record passes a query's filters (the memory store's form of `auditConditions`). */
export function auditMatches(record: AuditRecord, query: AuditQuery): boolean {
  const { actor } = record;
  const actorMatches =
    query.actor === undefined ||
    query.actor === actor.type ||
    (actor.type !== "system" && actor.id === query.actor);
  return (
    record.sequence > query.afterSequence &&
    (query.action === undefined || record.action === query.action) &&
    (query.targetId === undefined || record.targetId === query.targetId) &&
    (query.fromAt === undefined || record.at >= query.fromAt) &&
    (query.toAt === undefined || record.at < query.toAt) &&
    actorMatches
  );
}

export class SqlAudit implements AuditStore {
  constructor(private readonly sql: SqlRunner) {}

  async listAuditRecords(organizationId: string, query: AuditQuery): Promise<AuditRecord[]> {
    const conditions = auditConditions(query);
    const where = conditions.map(([condition]) => ` AND ${condition}`).join("");
    const rows = await this.sql.all(
      `SELECT * FROM audit_records WHERE organization_id = ? AND sequence > ?${where}
        ORDER BY sequence LIMIT ?`,
      [organizationId, query.afterSequence, ...conditions.map(([, value]) => value), query.limit],
    );
    return rows.map(rowToAuditRecord);
  }

  async readAuditHead(organizationId: string): Promise<AuditHead | null> {
    const [row] = await this.sql.all(
      "SELECT sequence, hash FROM audit_heads WHERE organization_id = ?",
      [organizationId],
    );
    return row === undefined ? null : { sequence: int(row.sequence), hash: text(row.hash) };
  }

  async listAuditOrganizations(afterId: string, limit: number): Promise<string[]> {
    const rows = await this.sql.all(
      "SELECT organization_id FROM audit_heads WHERE organization_id > ? ORDER BY organization_id LIMIT ?",
      [afterId, limit],
    );
    return rows.map((row) => text(row.organization_id));
  }
}

export const auditTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE audit_records (
  organization_id ${t.text} NOT NULL,
  sequence ${t.big} NOT NULL CHECK (sequence > 0),
  id ${t.text} NOT NULL,
  at ${t.big} NOT NULL,
  actor_type ${t.text} NOT NULL CHECK (actor_type IN ('key', 'operator', 'system')),
  actor_id ${t.text},
  actor_role ${t.text},
  request_id ${t.text},
  action ${t.text} NOT NULL,
  target_type ${t.text} NOT NULL,
  target_id ${t.text} NOT NULL,
  before_view ${t.text},
  after_view ${t.text},
  prev_hash ${t.text} NOT NULL,
  hash ${t.text} NOT NULL,
  PRIMARY KEY (organization_id, sequence)
)${t.clustered};
CREATE INDEX audit_records_at ON audit_records (organization_id, at);
CREATE TABLE audit_heads (
  organization_id ${t.text} PRIMARY KEY,
  sequence ${t.big} NOT NULL,
  hash ${t.text} NOT NULL
)${t.clustered};
`;
