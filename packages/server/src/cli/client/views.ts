/** The columns a person sees for each kind of object in a list. */
import type { ApiKey, Grant, Member, Pool, Transfer, UsageResult } from "@creditpool/sdk";
import { type Column, cell } from "./table.ts";

const amount = <T>(header: string, value: (row: T) => string): Column<T> => ({
  header,
  value,
  align: "right",
});

export const poolColumns: readonly Column<Pool>[] = [
  { header: "ID", value: (pool) => pool.id },
  { header: "NAME", value: (pool) => pool.name },
  { header: "PARENT", value: (pool) => cell(pool.parent) },
  amount("AVAILABLE", (pool) => pool.available),
  amount("HELD", (pool) => pool.held),
  amount("CONSUMED", (pool) => pool.consumed_this_period),
  amount("GRANTED", (pool) => pool.granted),
  amount("DEBT", (pool) => pool.debt),
  { header: "LIMIT", value: (pool) => cell(pool.limit) },
];

export const grantColumns: readonly Column<Grant>[] = [
  { header: "ID", value: (grant) => grant.id },
  { header: "POOL", value: (grant) => grant.pool },
  { header: "SOURCE", value: (grant) => grant.source },
  amount("AMOUNT", (grant) => grant.amount),
  amount("REMAINING", (grant) => grant.remaining),
  amount("HELD", (grant) => grant.held),
  amount("PRIORITY", (grant) => String(grant.priority)),
  { header: "STATUS", value: (grant) => grant.status },
  { header: "EXPIRES", value: (grant) => cell(grant.expires_at) },
];

export const transferColumns: readonly Column<Transfer>[] = [
  amount("SEQ", (transfer) => String(transfer.sequence)),
  { header: "KIND", value: (transfer) => transfer.kind },
  amount("AMOUNT", (transfer) => transfer.amount),
  { header: "DEBIT", value: (transfer) => transfer.debit_account },
  { header: "CREDIT", value: (transfer) => transfer.credit_account },
  { header: "POOL", value: (transfer) => transfer.pool },
  { header: "AT", value: (transfer) => transfer.at },
];

export const memberColumns: readonly Column<Member>[] = [
  { header: "ID", value: (member) => member.id },
  { header: "NAME", value: (member) => member.name },
  { header: "KIND", value: (member) => member.kind },
  { header: "ROLE", value: (member) => member.role },
  { header: "POOL", value: (member) => cell(member.pool) },
  { header: "EMAIL", value: (member) => cell(member.email) },
];

export const keyColumns: readonly Column<ApiKey>[] = [
  { header: "ID", value: (key) => key.id },
  { header: "NAME", value: (key) => key.name },
  { header: "PREFIX", value: (key) => key.prefix },
  { header: "ROLE", value: (key) => key.role },
  { header: "POOL", value: (key) => cell(key.pool) },
  { header: "MEMBER", value: (key) => cell(key.member) },
  { header: "REVOKED", value: (key) => cell(key.revoked_at) },
];

export const usageColumns: readonly Column<UsageResult>[] = [
  { header: "EVENT", value: (result) => result.id },
  { header: "STATUS", value: (result) => result.status },
  { header: "CODE", value: (result) => result.code },
  { header: "PARAM", value: (result) => cell(result.param) },
  { header: "MESSAGE", value: (result) => cell(result.message) },
];

/** A secret is shown once; say so next to it. */
export const secretLabels = { secret: "secret (shown once: keep it safe)" } as const;
