/** The journal: transfers in sequence order, filtered by pool, grant or hold. */

import { formatDecimal, type Transfer as LedgerTransfer, limits } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { idOf, listOf, TimeInput, Transfer } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers, page } from "./common.ts";

const TransferQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  starting_after: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .openapi({ description: "A sequence number" }),
  pool: idOf("pool").optional(),
  grant: idOf("grant").optional(),
  hold: idOf("hold").optional(),
  from: TimeInput.optional().openapi({ description: "Only transfers at or after this time" }),
  to: TimeInput.optional().openapi({ description: "Only transfers before this time" }),
});

const list = createRoute({
  method: "get",
  path: "/v1/transfers",
  operationId: "listTransfers",
  tags: ["Journal"],
  summary: "The journal, in sequence order, filtered by pool, grant, hold and time",
  description: "A key bound to a pool must name a `pool` in its subtree.",
  security: bearerAuth,
  request: { query: TransferQuery },
  responses: answers(listOf(Transfer), 200, "A page of transfers"),
});

export function transferView(transfer: LedgerTransfer) {
  return {
    id: transfer.id,
    object: "transfer" as const,
    sequence: transfer.sequence,
    kind: transfer.kind,
    debit_account: transfer.debitAccount,
    credit_account: transfer.creditAccount,
    amount: formatDecimal(transfer.amount),
    pool: transfer.poolId,
    grant: transfer.grantId,
    hold: transfer.holdId,
    rate_card_version: transfer.rateCardVersion,
    at: iso(transfer.at) ?? "",
  };
}

export function transferRoutes(app: Api, deps: RouteDependencies): void {
  route(app, list, async (c) => {
    const query = c.req.valid("query");
    const rows = await deps.services.journal.list(c.get("principal"), {
      afterSequence: query.starting_after ?? 0,
      limit: query.limit,
      pool: query.pool,
      grant: query.grant,
      hold: query.hold,
      from: query.from,
      to: query.to,
    });
    return c.json(page(rows.map(transferView), query.limit), 200);
  });
}
