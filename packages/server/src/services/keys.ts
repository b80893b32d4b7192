/** API keys of an organization: issue (the secret is shown once), list, revoke. */
import { type IssuedKey, issueKey } from "../access/keys.ts";
import { type Principal, requireGrantable, requirePermission } from "../access/principal.ts";
import { requireBoundRole } from "../access/roles.ts";
import { Refusal } from "../refusal.ts";
import type { KeyRow, Role } from "../store/directory.ts";
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

export interface NewKey {
  readonly name: string;
  readonly role: Role;
  /** The pool the key is bound to; a bound caller's own pool when left out. */
  readonly pool: string | null;
  readonly member: string | null;
}

export class KeyService {
  constructor(private readonly context: ServiceContext) {}

  /**
   * Issues a key no more powerful than the caller's, bound inside its reach. The secret is never
   * stored: the stored answer (`render` of the key) is what a replay shows, without it.
   */
  async create(
    principal: Principal,
    input: NewKey,
    idempotencyKey: string,
    render: Render<IssuedKey>,
  ): Promise<Written<IssuedKey>> {
    const { store, tree, ids, clock, fillRandom } = this.context;
    const organizationId = requirePermission(principal, "keys.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "keys.create", input);
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    requireGrantable(principal, input.role, "create keys of role", "role");
    const poolId = input.pool ?? principal.poolId;
    requireBoundRole(input.role, poolId);
    if (poolId !== null) await tree.require(principal, organizationId, poolId);
    if (input.member !== null && (await store.readMember(organizationId, input.member)) === null)
      throw new Refusal("member_not_found", undefined, "member");
    const issued = issueKey(
      {
        id: ids.next("key"),
        organizationId,
        role: input.role,
        poolId,
        memberId: input.member,
        name: input.name,
        createdAt: clock(),
      },
      fillRandom,
    );
    const view = render(issued);
    const audit = auditEntry(this.context, principal, organizationId, {
      action: "key.created",
      targetType: "key",
      targetId: issued.row.id,
      before: null,
      after: view,
    });
    const answer = answerOf(idempotency, view, issued.row.createdAt, audit);
    const stored = await store.insertKey(issued.row, answer);
    return stored === null ? { made: issued } : replayOf(idempotency, stored);
  }

  /** The keys bound inside the caller's reach, a page at a time. */
  async list(principal: Principal, page: PageRequest): Promise<KeyRow[]> {
    const { store, tree } = this.context;
    const organizationId = requirePermission(principal, "keys.read");
    return visiblePage(
      (after, limit) => store.listKeys(organizationId, storePage(after, limit)),
      (key) => tree.covers(principal, organizationId, key.poolId),
      page,
    );
  }

  /**
   * Revokes a key within reach, of a role the caller may hand out. `render` shows the key as the
   * audit record keeps it before and after; a key revoked already changes nothing and is not
   * recorded again.
   */
  async revoke(principal: Principal, keyId: string, render: Render<KeyRow>): Promise<KeyRow> {
    const { store, tree, clock } = this.context;
    const organizationId = requirePermission(principal, "keys.write");
    const key = await store.readKey(organizationId, keyId);
    if (key === null || !(await tree.covers(principal, organizationId, key.poolId)))
      throw new Refusal("key_not_found", undefined, "id");
    requireGrantable(principal, key.role, "revoke keys of role", "id");
    const at = clock();
    const audit = (revoked: KeyRow) =>
      auditEntry(
        this.context,
        principal,
        organizationId,
        {
          action: "key.revoked",
          targetType: "key",
          targetId: keyId,
          before: render(key),
          after: render(revoked),
        },
        at,
      );
    const revoked = await store.revokeKey(organizationId, keyId, at, audit);
    if (revoked === null) throw new Refusal("key_not_found", undefined, "id");
    return revoked;
  }
}
