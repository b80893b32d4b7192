/**
 * The directory: API keys and members, the identities of an organization. They are not ledger
 * state, so they are written outside the engine, each change in its own transaction together with
 * its idempotent answer. The SQL is shared by SQLite and PostgreSQL through `SqlRunner`.
 *
 * An idempotent write claims its key first: it inserts its answer, and only if that insert took
 * (the key was not stored yet in its scope) does it write anything else, in the same transaction.
 * The primary key of `idempotency` decides between concurrent requests with one key, on every
 * node: exactly one writes, the others write nothing and get the answer stored first.
 */

import { limits } from "@creditpool/core";
import { type AuditEntry, appendAudit } from "./audit.ts";
import { keyCreatedEvents, keyRevokedEvents } from "./event-payloads.ts";
import { writeEvents } from "./events.ts";
import type { AnswerRow, OrganizationRow, StoredAnswer } from "./records.ts";
import { type Cell, int, intOrNull, type Row, text, textOrNull } from "./rows.ts";

export const roles = [
  "owner",
  "admin",
  "billing",
  "member",
  "agent",
  "viewer",
  "pool_admin",
] as const;
export type Role = (typeof roles)[number];

export interface KeyRow {
  readonly id: string;
  /** Null for the operator's key, which belongs to no organization. */
  readonly organizationId: string | null;
  /** The first characters of the key, shown to tell keys apart; never enough to use it. */
  readonly prefix: string;
  /** SHA-256 of the whole key, hex: the key itself is never stored. */
  readonly hash: string;
  readonly role: Role | "operator";
  readonly poolId: string | null;
  readonly memberId: string | null;
  readonly name: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

export const memberKinds = ["person", "agent"] as const;
export type MemberKind = (typeof memberKinds)[number];

export interface MemberRow {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly kind: MemberKind;
  readonly role: Role;
  readonly poolId: string | null;
  readonly email: string | null;
  readonly createdAt: number;
}

export interface Page {
  /** Only rows whose id sorts after this one. */
  readonly startingAfter?: string;
  readonly limit: number;
}

/**
 * An answer to store with the write it answers, and the scope its key is unique in: the
 * organization's id, or `operator` for the operator's requests.
 */
export interface ScopedAnswer extends AnswerRow {
  readonly scope: string;
  /**
   * The audit records of the change this answers. Whoever claims the answer appends them in the
   * same transaction, so a change and its record commit together, and a replay, whose claim
   * finds the key taken, records nothing.
   */
  readonly audit?: readonly AuditEntry[];
}

/** An organization's first key, written with the organization and its request's answer. */
export interface OrganizationOwner {
  readonly key: KeyRow;
  readonly answer: ScopedAnswer;
}

/** A new organization, or the answer stored first under its request's key (nothing written). */
export type OrganizationCreated =
  | { readonly organization: OrganizationRow }
  | { readonly stored: StoredAnswer };

/**
 * The directory's part of the store port. A write given an answer is idempotent (see above): it
 * resolves to null when it took effect, or to the answer stored first under the same key, having
 * written nothing.
 */
export interface Directory {
  insertKey(key: KeyRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null>;
  findKeyByHash(hash: string): Promise<KeyRow | null>;
  listKeys(organizationId: string, page: Page): Promise<KeyRow[]>;
  readKey(organizationId: string, id: string): Promise<KeyRow | null>;
  /** Revokes a key in force; `audit`, made from the key as it was, is recorded only then. */
  revokeKey(
    organizationId: string,
    id: string,
    at: number,
    audit?: ((revoked: KeyRow) => AuditEntry) | null,
  ): Promise<KeyRow | null>;
  /** Operator keys in force (not revoked). */
  countOperatorKeys(): Promise<number>;
  /**
   * Makes `key` the one operator key in force, in one transaction: stores it unless its hash is
   * stored already, and revokes every other operator key. A rotation, safe to repeat.
   */
  replaceOperatorKeys(key: KeyRow): Promise<void>;
  insertMember(member: MemberRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null>;
  readMember(organizationId: string, id: string): Promise<MemberRow | null>;
  listMembers(organizationId: string, page: Page): Promise<MemberRow[]>;
  /**
   * The answer stored under a key in a scope, ledger or directory. A read ahead of a write, to
   * answer a replay early; the write's own claim is what decides.
   */
  findAnswer(scope: string, key: string): Promise<StoredAnswer | null>;
}

/** Runs one statement inside a transaction and answers its rows (none for a plain write). */
export type SqlRun = (sql: string, params: readonly Cell[]) => Promise<Row[]>;

/** What the shared SQL needs of a connection; statements use `?` placeholders. */
export interface SqlRunner {
  all(sql: string, params: readonly Cell[]): Promise<Row[]>;
  /** Runs `work` in one write transaction: committed if it resolves, rolled back if it throws. */
  inTransaction<T>(work: (run: SqlRun) => Promise<T>): Promise<T>;
}

/**
 * Inserts the answer unless its key is already stored in its scope, and then answers the stored
 * one. On PostgreSQL a concurrent insert of the same key waits for the other transaction to end,
 * so the stored answer read after it is committed. SQLite writers are serialised.
 */
export async function claimAnswer(run: SqlRun, answer: ScopedAnswer): Promise<StoredAnswer | null> {
  const claimed = await run(
    `INSERT INTO idempotency (organization_id, key, fingerprint, answer, created_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (organization_id, key) DO NOTHING RETURNING key`,
    [answer.scope, answer.key, answer.fingerprint, answer.answer, answer.createdAt],
  );
  if (claimed.length > 0) {
    if (answer.audit !== undefined && answer.audit.length > 0) await appendAudit(run, answer.audit);
    return null;
  }
  const [row] = await run(
    "SELECT fingerprint, answer FROM idempotency WHERE organization_id = ? AND key = ?",
    [answer.scope, answer.key],
  );
  if (row === undefined) throw new Error(`idempotency key ${answer.key} neither new nor stored`);
  return { fingerprint: text(row.fingerprint), answer: text(row.answer) };
}

/** `write` runs only when the answer's key is claimed (or there is no answer); see above. */
export async function writeOnce(
  run: SqlRun,
  answer: ScopedAnswer | null,
  write: () => Promise<unknown>,
): Promise<StoredAnswer | null> {
  const stored = answer === null ? null : await claimAnswer(run, answer);
  if (stored === null) await write();
  return stored;
}

const keyColumns =
  "id, organization_id, prefix, hash, role, pool_id, member_id, name, created_at, revoked_at";
const memberColumns = "organization_id, id, name, kind, role, pool_id, email, created_at";

export const insertKeySql = `INSERT INTO api_keys (${keyColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function keyParams(key: KeyRow): Cell[] {
  return [
    key.id,
    key.organizationId,
    key.prefix,
    key.hash,
    key.role,
    key.poolId,
    key.memberId,
    key.name,
    key.createdAt,
    key.revokedAt,
  ];
}

function rowToKey(row: Row): KeyRow {
  return {
    id: text(row.id),
    organizationId: textOrNull(row.organization_id),
    prefix: text(row.prefix),
    hash: text(row.hash),
    role: text(row.role) as KeyRow["role"],
    poolId: textOrNull(row.pool_id),
    memberId: textOrNull(row.member_id),
    name: text(row.name),
    createdAt: int(row.created_at),
    revokedAt: intOrNull(row.revoked_at),
  };
}

function rowToMember(row: Row): MemberRow {
  return {
    id: text(row.id),
    organizationId: text(row.organization_id),
    name: text(row.name),
    kind: text(row.kind) as MemberKind,
    role: text(row.role) as Role,
    poolId: textOrNull(row.pool_id),
    email: textOrNull(row.email),
    createdAt: int(row.created_at),
  };
}

export class SqlDirectory implements Directory {
  constructor(private readonly sql: SqlRunner) {}

  insertKey(key: KeyRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, async () => {
        await run(insertKeySql, keyParams(key));
        await writeEvents(run, keyCreatedEvents(key), limits.eventDataBytesMax);
      }),
    );
  }

  async findKeyByHash(hash: string): Promise<KeyRow | null> {
    const [row] = await this.sql.all(`SELECT ${keyColumns} FROM api_keys WHERE hash = ?`, [hash]);
    return row === undefined ? null : rowToKey(row);
  }

  async listKeys(organizationId: string, page: Page): Promise<KeyRow[]> {
    const rows = await this.sql.all(
      `SELECT ${keyColumns} FROM api_keys WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?`,
      [organizationId, page.startingAfter ?? "", page.limit],
    );
    return rows.map(rowToKey);
  }

  async readKey(organizationId: string, id: string): Promise<KeyRow | null> {
    const [row] = await this.sql.all(
      `SELECT ${keyColumns} FROM api_keys WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return row === undefined ? null : rowToKey(row);
  }

  async revokeKey(
    organizationId: string,
    id: string,
    at: number,
    audit: ((revoked: KeyRow) => AuditEntry) | null = null,
  ): Promise<KeyRow | null> {
    await this.sql.inTransaction(async (run) => {
      const [row] = await run(
        `UPDATE api_keys SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL
          RETURNING ${keyColumns}`,
        [at, organizationId, id],
      );
      if (row === undefined) return;
      const revoked = rowToKey(row);
      if (audit !== null) await appendAudit(run, [audit(revoked)]);
      await writeEvents(run, keyRevokedEvents(revoked), limits.eventDataBytesMax);
    });
    const [row] = await this.sql.all(
      `SELECT ${keyColumns} FROM api_keys WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return row === undefined ? null : rowToKey(row);
  }

  async countOperatorKeys(): Promise<number> {
    const [row] = await this.sql.all(
      "SELECT count(*) AS n FROM api_keys WHERE role = 'operator' AND revoked_at IS NULL",
      [],
    );
    return row === undefined ? 0 : int(row.n);
  }

  async replaceOperatorKeys(key: KeyRow): Promise<void> {
    if (key.role !== "operator") throw new Error(`key ${key.id} is not an operator key`);
    await this.sql.inTransaction(async (run) => {
      await run(
        `UPDATE api_keys SET revoked_at = ?
          WHERE role = 'operator' AND revoked_at IS NULL AND hash <> ?`,
        [key.createdAt, key.hash],
      );
      await run(`${insertKeySql} ON CONFLICT (hash) DO NOTHING`, keyParams(key));
    });
  }

  insertMember(member: MemberRow, answer: ScopedAnswer | null): Promise<StoredAnswer | null> {
    const m = member;
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, () =>
        run(`INSERT INTO members (${memberColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
          m.organizationId,
          m.id,
          m.name,
          m.kind,
          m.role,
          m.poolId,
          m.email,
          m.createdAt,
        ]),
      ),
    );
  }

  async readMember(organizationId: string, id: string): Promise<MemberRow | null> {
    const [row] = await this.sql.all(
      `SELECT ${memberColumns} FROM members WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return row === undefined ? null : rowToMember(row);
  }

  async listMembers(organizationId: string, page: Page): Promise<MemberRow[]> {
    const rows = await this.sql.all(
      `SELECT ${memberColumns} FROM members WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?`,
      [organizationId, page.startingAfter ?? "", page.limit],
    );
    return rows.map(rowToMember);
  }

  async findAnswer(scope: string, key: string): Promise<StoredAnswer | null> {
    const [row] = await this.sql.all(
      "SELECT fingerprint, answer FROM idempotency WHERE organization_id = ? AND key = ?",
      [scope, key],
    );
    return row === undefined
      ? null
      : { fingerprint: text(row.fingerprint), answer: text(row.answer) };
  }
}

export const directoryTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE api_keys (
  id ${t.text} PRIMARY KEY,
  organization_id ${t.text},
  prefix ${t.text} NOT NULL,
  hash ${t.text} NOT NULL UNIQUE,
  role ${t.text} NOT NULL,
  pool_id ${t.text},
  member_id ${t.text},
  name ${t.text} NOT NULL,
  created_at ${t.big} NOT NULL,
  revoked_at ${t.big}
);
CREATE INDEX api_keys_organization ON api_keys (organization_id, id);

CREATE TABLE members (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  name ${t.text} NOT NULL,
  kind ${t.text} NOT NULL CHECK (kind IN ('person', 'agent')),
  role ${t.text} NOT NULL,
  pool_id ${t.text},
  email ${t.text},
  created_at ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
`;
