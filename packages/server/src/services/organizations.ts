/** Organizations: the operator creates them, each with its root pool and an owner key. */
import { type IssuedKey, issueKey } from "../access/keys.ts";
import { organizationOf, type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { OrganizationRow } from "../store/port.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  operatorScope,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";

export interface NewOrganization {
  readonly organization: OrganizationRow;
  /** The owner key, whose secret is shown this once. */
  readonly owner: IssuedKey;
}

export class OrganizationService {
  constructor(private readonly context: ServiceContext) {}

  /**
   * One transaction: the organization, its root pool, its owner key and the stored answer (what
   * `render` shows, without the owner key's secret, which is never stored).
   */
  async create(
    principal: Principal,
    name: string,
    idempotencyKey: string,
    render: Render<NewOrganization>,
  ): Promise<Written<NewOrganization>> {
    const { store, engine, ids, fillRandom } = this.context;
    if (principal.role !== "operator")
      throw new Refusal("permission_denied", "Only the operator key creates organizations.");
    const request = { name };
    const idempotency = idempotencyOf(
      operatorScope,
      idempotencyKey,
      "organizations.create",
      request,
    );
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    const keyId = ids.next("key");
    let owner: IssuedKey | null = null;
    const ownerOf = (organization: OrganizationRow): IssuedKey => {
      owner ??= issueKey(
        {
          id: keyId,
          organizationId: organization.id,
          role: "owner",
          poolId: null,
          memberId: null,
          name: "owner",
          createdAt: organization.createdAt,
        },
        fillRandom,
      );
      return owner;
    };
    const created = await engine.createOrganization(name, (organization) => {
      const made = { organization, owner: ownerOf(organization) };
      const view = render(made);
      const audit = auditEntry(
        this.context,
        principal,
        organization.id,
        {
          action: "organization.created",
          targetType: "organization",
          targetId: organization.id,
          before: null,
          after: view,
        },
        organization.createdAt,
      );
      return {
        key: made.owner.row,
        answer: answerOf(idempotency, view, organization.createdAt, audit),
      };
    });
    if ("stored" in created) return replayOf(idempotency, created.stored);
    return { made: { organization: created.organization, owner: ownerOf(created.organization) } };
  }

  /** The key's own organization. */
  async read(principal: Principal): Promise<OrganizationRow> {
    requirePermission(principal, "organization.read");
    const row = await this.context.store.readOrganization(organizationOf(principal));
    if (row === null) throw new Refusal("organization_not_found");
    return row;
  }
}
