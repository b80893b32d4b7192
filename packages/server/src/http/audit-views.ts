/**
 * The audit trail as the API shows it, and the views of pools and grants that the engine's audit
 * records keep (given to the engine by the composition, since the engine shapes no view).
 */
import { z } from "@hono/zod-openapi";
import { type AuditRecord, type AuditView, auditExported } from "../services/audit.ts";
import type { AuditViews } from "../services/services.ts";
import { subscriptionView } from "./routes/billing.ts";
import { grantView, poolView } from "./views.ts";

export const auditRecordView = (record: AuditRecord) => ({
  ...auditExported(record),
  hash: record.hash,
});

/** What the engine records of a pool or a grant: the API view, as `GET` shows it. */
export const ledgerAuditView: AuditView = (result) => {
  if (result.kind === "pool") return poolView(result.pool);
  if (result.kind === "grant") return grantView(result.grant);
  return null;
};

/** How the services' audit records show what jobs change: the API views, as `GET` shows them. */
export const serviceAuditViews: AuditViews = { subscription: subscriptionView };

const Actor = z.union([
  z.object({ type: z.literal("key"), id: z.string(), role: z.string() }),
  z.object({ type: z.literal("operator"), id: z.string() }),
  z.object({ type: z.literal("system") }),
]);

export const AuditRecordSchema = z
  .object({
    id: z.string(),
    object: z.literal("audit_record"),
    organization: z.string(),
    sequence: z.number().int(),
    at: z.string(),
    actor: Actor,
    request_id: z.string().nullable(),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    before: z.unknown(),
    after: z.unknown(),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditRecord");
