/** Members: the people and agents of an organization. */
import { type Principal, requireGrantable, requirePermission } from "../access/principal.ts";
import { requireBoundRole } from "../access/roles.ts";
import { Refusal } from "../refusal.ts";
import type { MemberKind, MemberRow, Role } from "../store/directory.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";
import { type PageRequest, storePage, visiblePage } from "./pages.ts";

export interface NewMember {
  readonly name: string;
  readonly kind: MemberKind;
  readonly role: Role;
  /** Where the member is placed; a bound caller's own pool when left out. */
  readonly pool: string | null;
  readonly email: string | null;
}

export class MemberService {
  constructor(private readonly context: ServiceContext) {}

  async create(
    principal: Principal,
    input: NewMember,
    idempotencyKey: string,
    render: Render<MemberRow>,
  ): Promise<Written<MemberRow>> {
    const { store, tree, ids, clock } = this.context;
    const organizationId = requirePermission(principal, "members.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "members.create", input);
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    requireGrantable(principal, input.role, "add members of role", "role");
    const poolId = input.pool ?? principal.poolId;
    requireBoundRole(input.role, poolId);
    if (poolId !== null) await tree.require(principal, organizationId, poolId);
    const member: MemberRow = {
      id: ids.next("mem"),
      organizationId,
      name: input.name,
      kind: input.kind,
      role: input.role,
      poolId,
      email: input.email,
      createdAt: clock(),
    };
    const view = render(member);
    const audit = auditEntry(this.context, principal, organizationId, {
      action: "member.created",
      targetType: "member",
      targetId: member.id,
      before: null,
      after: view,
    });
    const answer = answerOf(idempotency, view, member.createdAt, audit);
    const stored = await store.insertMember(member, answer);
    return stored === null ? { made: member } : replayOf(idempotency, stored);
  }

  async list(principal: Principal, page: PageRequest): Promise<MemberRow[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "members.read");
    return visiblePage(
      (after, limit) => store.listMembers(organizationId, storePage(after, limit)),
      (member) => tree.covers(principal, organizationId, member.poolId),
      page,
    );
  }

  async read(principal: Principal, memberId: string): Promise<MemberRow> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "members.read");
    const member = await store.readMember(organizationId, memberId);
    if (member === null || !(await tree.covers(principal, organizationId, member.poolId)))
      throw new Refusal("member_not_found", undefined, "id");
    return member;
  }
}
