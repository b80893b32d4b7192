/**
 * Approval gates. A hold above a pool's `approval_above` is refused `approval_required`, and its
 * decision record is the approval request: it shows what was asked (pool, amount, member, key,
 * model) and its quoted cost. An approver (a key with `approvals.write` that reaches the gate's
 * pool) approves or denies it once; the first answer stands. The requester then asks again with
 * `approval`: a hold within what was approved passes the gates, under an idempotency key derived
 * from the request, so one approval turns into at most one hold, however often it is retried.
 */
import { limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { ApprovalRow, DecisionRow } from "../store/port.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { type PageRequest, storePage, visiblePage } from "./pages.ts";

export type ApprovalStatus = "pending" | "approved" | "denied" | "expired";

/** An approval request with its answer, if any, and its status now. */
export interface Approval {
  readonly request: DecisionRow;
  readonly answer: ApprovalRow | null;
  readonly status: ApprovalStatus;
}

/** Who asks for a hold, as an approval is checked against it. */
export interface Requester {
  readonly poolId: string;
  readonly amount: bigint;
  readonly keyId: string;
  readonly memberId: string | null;
}

export class ApprovalService {
  constructor(private readonly context: ServiceContext) {}

  /** Newest first; `status` filters after the store's page, so pages may come short of it. */
  async list(
    principal: Principal,
    status: ApprovalStatus | undefined,
    page: PageRequest,
  ): Promise<Approval[]> {
    const organizationId = requirePermission(principal, "decisions.read");
    const { store, tree } = this.context;
    const rows = await visiblePage(
      (after, limit) =>
        store.listDecisions(organizationId, { code: "approval_required" }, storePage(after, limit)),
      (row) => tree.reaches(principal, organizationId, row.holdPoolId),
      page,
    );
    const answers = new Map(
      (
        await store.readApprovals(
          organizationId,
          rows.map((row) => row.id),
        )
      ).map((a) => [a.decisionId, a]),
    );
    const approvals = rows.map((row) => this.approvalOf(row, answers.get(row.id) ?? null));
    return status === undefined ? approvals : approvals.filter((a) => a.status === status);
  }

  async read(principal: Principal, id: string): Promise<Approval> {
    const organizationId = requirePermission(principal, "decisions.read");
    const request = await this.request(principal, organizationId, id, "holdPoolId");
    const [answer] = await this.context.store.readApprovals(organizationId, [id]);
    return this.approvalOf(request, answer ?? null);
  }

  /** Approves or denies a pending request; the same answer again is a replay. */
  async decide(
    principal: Principal,
    id: string,
    status: "approved" | "denied",
    note: string | null,
  ): Promise<Approval> {
    const organizationId = requirePermission(principal, "approvals.write");
    const request = await this.request(principal, organizationId, id, "poolId");
    const now = this.context.clock();
    if (now >= request.at + limits.approvalRequestValidityMs)
      throw new Refusal("approval_not_usable", "The approval request has expired.", "id");
    const expiresAt = now + limits.approvalValidityMs;
    const audit = auditEntry(
      this.context,
      principal,
      organizationId,
      {
        action: `approval.${status}`,
        targetType: "approval",
        targetId: id,
        before: { status: "pending" },
        after: { status, note, expires_at: new Date(expiresAt).toISOString() },
      },
      now,
    );
    const stored = await this.context.store.decideApproval(
      organizationId,
      { decisionId: id, status, decidedBy: principal.keyId, decidedAt: now, expiresAt, note },
      audit,
    );
    if (stored.status !== status)
      throw new Refusal("approval_not_usable", `The request was ${stored.status} already.`, "id");
    return this.approvalOf(request, stored);
  }

  /**
   * Checks that an approval lets this hold pass its gates: approved, not expired, asked at the
   * same pool, for at most the amount approved, by the same key or for the same member. Answers
   * the idempotency key the hold is made under: one approval, one hold.
   */
  async admit(organizationId: string, id: string, requester: Requester): Promise<string> {
    const { store, clock } = this.context;
    const request = await store.readDecision(organizationId, id);
    if (request === null || request.code !== "approval_required")
      throw new Refusal("approval_not_found", undefined, "approval");
    const [answer] = await store.readApprovals(organizationId, [id]);
    const status = this.approvalOf(request, answer ?? null).status;
    const unusable = (why: string) => new Refusal("approval_not_usable", why, "approval");
    if (status !== "approved") throw unusable(`The approval is ${status}.`);
    if (request.holdPoolId !== requester.poolId)
      throw unusable("The approval is for a hold at another pool.");
    if (requester.amount > request.amount)
      throw unusable("The hold asks for more than was approved.");
    const sameAsker =
      request.keyId === requester.keyId ||
      (request.memberId !== null && request.memberId === requester.memberId);
    if (!sameAsker) throw unusable("The approval is for another key or member.");
    if (clock() >= (answer?.expiresAt ?? 0)) throw unusable("The approval has expired.");
    return `approval:${id}`;
  }

  /** The request, if the key reaches the pool that `field` names (gate or requested pool). */
  private async request(
    principal: Principal,
    organizationId: string,
    id: string,
    field: "poolId" | "holdPoolId",
  ): Promise<DecisionRow> {
    const row = await this.context.store.readDecision(organizationId, id);
    if (
      row === null ||
      row.code !== "approval_required" ||
      !(await this.context.tree.reaches(principal, organizationId, row[field]))
    )
      throw new Refusal("approval_not_found", undefined, "id");
    return row;
  }

  private approvalOf(request: DecisionRow, answer: ApprovalRow | null): Approval {
    const now = this.context.clock();
    if (answer === null) {
      const expired = now >= request.at + limits.approvalRequestValidityMs;
      return { request, answer, status: expired ? "expired" : "pending" };
    }
    if (answer.status === "denied") return { request, answer, status: "denied" };
    return { request, answer, status: now >= answer.expiresAt ? "expired" : "approved" };
  }
}
