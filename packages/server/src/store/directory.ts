/**
 * The directory: API keys and members, the identities of an organization. They are not ledger
 * state, so they are written outside the engine, each change in its own transaction together with
 * its idempotent answer. The SQL is shared by SQLite and PostgreSQL through `SqlRunner`.
 */
import type { AnswerRow, StoredAnswer } from "./port.ts";
import { type Cell, int, intOrNull, type Row, text, textOrNull } from "./rows.ts";

export const roles = ["owner", "admin", "billing", "member", "agent", "viewer"] as const;
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

/** The directory's part of the store port. */
export interface Directory {
  insertKey(key: KeyRow, answer: AnswerRow | null): Promise<void>;
  findKeyByHash(hash: string): Promise<KeyRow | null>;
  listKeys(organizationId: string, page: Page): Promise<KeyRow[]>;
  readKey(organizationId: string, id: string): Promise<KeyRow | null>;
  revokeKey(organizationId: string, id: string, at: number): Promise<KeyRow | null>;
  countOperatorKeys(): Promise<number>;
  insertMember(member: MemberRow, answer: AnswerRow | null): Promise<void>;
  readMember(organizationId: string, id: string): Promise<MemberRow | null>;
  listMembers(organizationId: string, page: Page): Promise<MemberRow[]>;
  /** An idempotent answer stored by a directory change (ledger answers come from the engine). */
  findAnswer(organizationId: string, key: string): Promise<StoredAnswer | null>;
  /** Stores an answer on its own, for changes that are not one row (a new organization). */
  saveAnswer(scope: string, answer: AnswerRow): Promise<void>;
}

/** What the shared SQL needs of a connection; statements use `?` placeholders. */
export interface SqlRunner {
  all(sql: string, params: readonly Cell[]): Promise<Row[]>;
  /** Runs the statements in one transaction. */
  inTransaction(statements: readonly { sql: string; params: readonly Cell[] }[]): Promise<void>;
}

const keyColumns =
  "id, organization_id, prefix, hash, role, pool_id, member_id, name, created_at, revoked_at";
const memberColumns = "organization_id, id, name, kind, role, pool_id, email, created_at";

function answerStatement(organizationId: string, answer: AnswerRow) {
  return {
    sql: "INSERT INTO idempotency (organization_id, key, fingerprint, answer, created_at) VALUES (?, ?, ?, ?, ?)",
    params: [organizationId, answer.key, answer.fingerprint, answer.answer, answer.createdAt],
  };
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

  async insertKey(key: KeyRow, answer: AnswerRow | null): Promise<void> {
    const statements = [
      {
        sql: `INSERT INTO api_keys (${keyColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
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
        ],
      },
    ];
    if (answer !== null && key.organizationId !== null) {
      statements.push(answerStatement(key.organizationId, answer));
    }
    await this.sql.inTransaction(statements);
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

  async revokeKey(organizationId: string, id: string, at: number): Promise<KeyRow | null> {
    await this.sql.inTransaction([
      {
        sql: "UPDATE api_keys SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL",
        params: [at, organizationId, id],
      },
    ]);
    const [row] = await this.sql.all(
      `SELECT ${keyColumns} FROM api_keys WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return row === undefined ? null : rowToKey(row);
  }

  async countOperatorKeys(): Promise<number> {
    const [row] = await this.sql.all(
      "SELECT count(*) AS n FROM api_keys WHERE role = 'operator'",
      [],
    );
    return row === undefined ? 0 : int(row.n);
  }

  async insertMember(member: MemberRow, answer: AnswerRow | null): Promise<void> {
    const m = member;
    const statements = [
      {
        sql: `INSERT INTO members (${memberColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [m.organizationId, m.id, m.name, m.kind, m.role, m.poolId, m.email, m.createdAt],
      },
    ];
    if (answer !== null) statements.push(answerStatement(m.organizationId, answer));
    await this.sql.inTransaction(statements);
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

  async saveAnswer(scope: string, answer: AnswerRow): Promise<void> {
    await this.sql.inTransaction([answerStatement(scope, answer)]);
  }

  async findAnswer(organizationId: string, key: string): Promise<StoredAnswer | null> {
    const [row] = await this.sql.all(
      "SELECT fingerprint, answer FROM idempotency WHERE organization_id = ? AND key = ?",
      [organizationId, key],
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
