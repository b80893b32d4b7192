/** The audit trail: an organization's administrative changes, a page or an export at a time. */
import { limits } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { AuditRecord } from "../../services/audit.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { AuditRecordSchema, auditRecordView } from "../audit-views.ts";
import { listOf, Text, TimeInput } from "../schemas.ts";
import { answers } from "./common.ts";

const Filter = {
  action: Text(100).optional().openapi({ description: "Only this action, e.g. `pool.updated`" }),
  target: Text(limits.idLengthMax).optional().openapi({ description: "Only this object's id" }),
  actor: Text(limits.idLengthMax)
    .optional()
    .openapi({ description: "Only changes by this key id, or `operator`, or `system`" }),
  from: TimeInput.optional().openapi({ description: "Only records at or after this time" }),
  to: TimeInput.optional().openapi({ description: "Only records before this time" }),
};

const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  starting_after: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .openapi({ description: "A sequence number" }),
  ...Filter,
});

const ExportQuery = z.strictObject({
  from: TimeInput.optional().openapi({ description: "Default: 31 days before `to`" }),
  to: TimeInput.optional().openapi({ description: "Default: now (inclusive)" }),
});

const list = createRoute({
  method: "get",
  path: "/v1/audit-records",
  operationId: "listAuditRecords",
  tags: ["Audit"],
  summary: "The audit trail, in sequence order, filtered by action, target, actor and time",
  security: bearerAuth,
  request: { query: ListQuery },
  responses: answers(listOf(AuditRecordSchema), 200, "A page of audit records"),
});

const exported = createRoute({
  method: "get",
  path: "/v1/audit-records/export",
  operationId: "exportAuditRecords",
  tags: ["Audit"],
  summary: "The audit records of a span of at most 31 days, as JSON Lines",
  description:
    "One record per line, in sequence order, at most 100,000 per request; each line can be checked against the one before it (see the audit concepts page).",
  security: bearerAuth,
  request: { query: ExportQuery },
  responses: {
    ...answers(z.string(), 200, "JSON Lines"),
    200: {
      description: "One audit record per line",
      content: { "application/x-ndjson": { schema: z.string() } },
    },
  },
});

/** A stream of one JSON line per record, pulled a record at a time: the store is read by pages. */
function jsonLines(records: AsyncGenerator<AuditRecord>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await records.next();
      if (next.done === true) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(auditRecordView(next.value))}\n`));
    },
    async cancel() {
      await records.return(undefined);
    },
  });
}

export function auditRoutes(app: Api, deps: RouteDependencies): void {
  route(app, list, async (c) => {
    const { limit, starting_after, ...filter } = c.req.valid("query");
    const rows = await deps.services.audit.list(
      c.get("principal"),
      filter,
      starting_after ?? 0,
      limit,
    );
    const data = rows.slice(0, limit).map(auditRecordView);
    return c.json({ object: "list" as const, data, has_more: rows.length > limit }, 200);
  });

  route(app, exported, async (c) => {
    const query = c.req.valid("query");
    // `to` is exclusive: by default it lies just past now, so a change made now is included.
    const to = query.to ?? deps.clock() + 1;
    const from = query.from ?? to - limits.auditExportSpanMsMax;
    const records = deps.services.audit.exportRecords(c.get("principal"), from, to);
    return c.body(jsonLines(records), 200, { "Content-Type": "application/x-ndjson" });
  });
}
