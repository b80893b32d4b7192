/**
 * A transfer's row keeps an account that names the transfer's own grant, hold or pool as one
 * letter. Every transfer must read back exactly as it was written, whatever its accounts, and a
 * row written before, with its accounts whole, must read back unchanged.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accounts, type Transfer, type TransferKind } from "@creditpool/core";
import fc from "fast-check";
import {
  type Cell,
  type Row,
  rowToTransfer,
  transferColumns,
  transferToRow,
} from "../src/store/rows.ts";

function asRow(cells: Cell[]): Row {
  return Object.fromEntries(transferColumns.map((column, index) => [column, cells[index]]));
}

const id = (prefix: string) => fc.stringMatching(/^[0-9A-Z]{4,8}$/).map((s) => `${prefix}_${s}`);

const transfer = fc
  .record({
    poolId: id("pool"),
    otherPool: id("pool"),
    grantId: fc.option(id("grant"), { nil: null }),
    holdId: fc.option(id("hold"), { nil: null }),
    otherGrant: id("grant"),
    debit: fc.integer({ min: 0, max: 9 }),
    credit: fc.integer({ min: 0, max: 9 }),
    sequence: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map((t): Transfer => {
    const choices = [
      accounts.issuance,
      accounts.overage,
      accounts.breakage,
      t.grantId === null ? accounts.grant(t.otherGrant) : accounts.grant(t.grantId),
      t.holdId === null ? accounts.hold("hold_X") : accounts.hold(t.holdId),
      accounts.consumed(t.poolId),
      accounts.debt(t.poolId),
      accounts.consumed(t.otherPool),
      accounts.debt(t.otherPool),
      accounts.grant(t.otherGrant),
    ];
    return {
      id: `txn_${t.sequence}`,
      sequence: t.sequence,
      kind: "hold" as TransferKind,
      debitAccount: choices[t.debit] ?? accounts.issuance,
      creditAccount: choices[t.credit] ?? accounts.issuance,
      amount: 1_000n,
      poolId: t.poolId,
      grantId: t.grantId,
      holdId: t.holdId,
      rateCardVersion: null,
      at: 1_764_000_000_000,
    };
  });

describe("transfer rows", () => {
  it("read back exactly what was written, whatever the accounts", () => {
    fc.assert(
      fc.property(transfer, (written) => {
        assert.deepEqual(rowToTransfer(asRow(transferToRow("org_1", written))), written);
      }),
      { numRuns: 1000 },
    );
  });

  it("keep the transfer's own accounts as one letter, and any other whole", () => {
    const hold: Transfer = {
      id: "txn_1",
      sequence: 1,
      kind: "hold",
      debitAccount: accounts.grant("grant_A"),
      creditAccount: accounts.hold("hold_B"),
      amount: 1_000n,
      poolId: "pool_C",
      grantId: "grant_A",
      holdId: "hold_B",
      rateCardVersion: null,
      at: 0,
    };
    const row = asRow(transferToRow("org_1", hold));
    assert.deepEqual([row.debit_account, row.credit_account], ["g", "h"]);
    const usage = {
      ...hold,
      debitAccount: accounts.grant("grant_Z"),
      creditAccount: accounts.overage,
    };
    const other = asRow(transferToRow("org_1", usage));
    assert.deepEqual([other.debit_account, other.credit_account], ["grant:grant_Z", "overage"]);
  });

  it("written before, with accounts whole, read back unchanged", () => {
    const old: Row = {
      organization_id: "org_1",
      sequence: 7n,
      id: "txn_01JF8Z7X9Q",
      kind: "capture",
      debit_account: "hold:hold_B",
      credit_account: "consumed:pool_C",
      amount: 600n,
      pool_id: "pool_C",
      grant_id: "grant_A",
      hold_id: "hold_B",
      rate_card_version: null,
      at: 5n,
    };
    const read = rowToTransfer(old);
    assert.deepEqual([read.debitAccount, read.creditAccount], ["hold:hold_B", "consumed:pool_C"]);
  });
});
