/**
 * Upstream accounts: the provider credentials the gateway calls through. Administrators make,
 * change and remove them (`upstreams.write`; every change audited as `upstream.*`, the record
 * showing the account's view, which has only the credential's last four characters); the gateway
 * chooses one for a request (`choose`, least-used first: `upstream-selection.ts`), records what
 * the request used (`recordUse`) and cools an account down when its provider says to slow down
 * (`coolDown`).
 *
 * The credential is sealed (`secret-box.ts`) with the account's organization and id as its
 * context, and opened only by `choose`, for the gateway's call. A server without a secret key
 * (PostgreSQL without `CREDITPOOL_SECRET_KEY`) answers `secret_key_missing` to whatever must seal
 * or open one. A create's idempotency fingerprint covers a keyed digest of the credential, never
 * the credential itself.
 */
import { limits } from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type {
  AuditEntry,
  UpstreamAccountRow,
  UpstreamProvider,
  UpstreamUsageRow,
  UpstreamUse,
  UpstreamWindow,
} from "../store/port.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { answerOf, idempotencyOf, replayOf, storedReplay, type Written } from "./idempotency.ts";
import { organizationNow } from "./organization-time.ts";
import { type PageRequest, storePage } from "./pages.ts";
import type { SecretBox } from "./secret-box.ts";
import { checkBaseUrl, defaultBaseUrls } from "./upstream-base-url.ts";
import { leastUsed, type WindowState, windowStates } from "./upstream-selection.ts";

export type {
  UpstreamAccountRow,
  UpstreamProvider,
  UpstreamUse,
  UpstreamWindow,
} from "../store/port.ts";
export { defaultBaseUrls } from "./upstream-base-url.ts";
export type { WindowState } from "./upstream-selection.ts";

export interface UpstreamInput {
  readonly provider: UpstreamProvider;
  readonly name: string;
  /** The provider's default (`defaultBaseUrls`) when absent. */
  readonly baseUrl?: string | undefined;
  readonly apiKey: string;
  readonly windows: readonly UpstreamWindow[];
  readonly enabled: boolean;
}

/** What an update may change; a new `apiKey` rotates the credential. */
export type UpstreamChanges = Partial<Omit<UpstreamInput, "provider">>;

/** An account with its windows as of now. */
export interface UpstreamAccount {
  readonly row: UpstreamAccountRow;
  readonly windows: readonly WindowState[];
}

/** What the gateway calls through; `apiKey` is the credential in the clear: never log it. */
export interface ChosenUpstream {
  readonly id: string;
  readonly name: string;
  readonly provider: UpstreamProvider;
  readonly baseUrl: string;
  readonly apiKey: string;
  /**
   * Whether its requests need counting: a window limits them, or other accounts share the
   * provider (the least recently used goes first). Else recording a use would write for nothing.
   */
  readonly countsRequests: boolean;
  /** Whether its tokens need counting: a window limits them. */
  readonly countsTokens: boolean;
}

/** How a transport shows an account: the service stores that answer and audits with it. */
export type UpstreamRender = (account: UpstreamAccount) => unknown;

export interface UpstreamOptions {
  /** Seals and opens credentials; null when the server has no secret key. */
  readonly box: SecretBox | null;
  /** `CREDITPOOL_UPSTREAMS_ALLOW_PRIVATE=1`: base URLs may be private (`upstream-base-url.ts`). */
  readonly allowPrivate: boolean;
}

/** Tries of a conditional account write before the account counts as busy. */
const changeAttemptsMax = 8;

/** The additional authenticated data of an account's credential: its row, and no other. */
export function credentialContext(organizationId: string, id: string): string {
  return `upstream_account:${organizationId}:${id}`;
}

function refuseWindows(message: string): never {
  throw new Refusal("invalid_request", message, "windows");
}

/** Windows within their bounds, each duration once. */
export function checkWindows(windows: readonly UpstreamWindow[]): void {
  if (windows.length > limits.upstreamWindowsPerAccountMax)
    refuseWindows(`An account has at most ${limits.upstreamWindowsPerAccountMax} windows.`);
  const seen = new Set<number>();
  for (const window of windows) {
    const seconds = window.durationSeconds;
    if (
      !Number.isSafeInteger(seconds) ||
      seconds < limits.upstreamWindowSecondsMin ||
      seconds > limits.upstreamWindowSecondsMax
    )
      refuseWindows(
        `A window lasts ${limits.upstreamWindowSecondsMin} to ` +
          `${limits.upstreamWindowSecondsMax} seconds.`,
      );
    if (seen.has(seconds)) refuseWindows(`Two windows last ${seconds} seconds: one per duration.`);
    seen.add(seconds);
    for (const max of [window.maxRequests, window.maxTokens])
      if (
        max !== null &&
        (!Number.isSafeInteger(max) || max < 1 || max > limits.upstreamWindowQuotaMax)
      )
        refuseWindows(`A window's maximum is 1 to ${limits.upstreamWindowQuotaMax}.`);
  }
}

function checkUse(use: UpstreamUse): void {
  const bounds: [keyof UpstreamUse, number][] = [
    ["requests", limits.upstreamUseRequestsMax],
    ["tokens", limits.upstreamUseTokensMax],
  ];
  for (const [field, max] of bounds) {
    const value = use[field];
    if (!Number.isSafeInteger(value) || value < 0 || value > max)
      throw new Refusal("invalid_request", `${field} is a count from 0 to ${max}.`, field);
  }
}

export class UpstreamService {
  constructor(
    private readonly context: ServiceContext,
    private readonly options: UpstreamOptions,
  ) {}

  async create(
    principal: Principal,
    input: UpstreamInput,
    idempotencyKey: string,
    render: UpstreamRender,
  ): Promise<Written<UpstreamAccount>> {
    const { store, ids, clock } = this.context;
    const organizationId = requirePermission(principal, "upstreams.write");
    const box = this.box();
    const request = { ...input, apiKey: box.digest(input.apiKey) };
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "upstreams.create", request);
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    const baseUrl = checkBaseUrl(
      input.baseUrl ?? defaultBaseUrls[input.provider],
      this.allowPrivate,
    );
    checkWindows(input.windows);
    if (
      (await store.countUpstreamAccounts(organizationId)) >=
      limits.upstreamAccountsPerOrganizationMax
    )
      throw new Refusal("upstream_count_exceeded");
    const id = ids.next("ups");
    const now = clock();
    const row: UpstreamAccountRow = {
      organizationId,
      id,
      provider: input.provider,
      name: input.name,
      baseUrl,
      credentialSealed: box.seal(input.apiKey, credentialContext(organizationId, id)),
      credentialLast4: input.apiKey.slice(-4),
      windows: input.windows,
      enabled: input.enabled,
      createdAt: now,
      updatedAt: now,
      version: 1,
      coolingUntil: null,
      lastUsedAt: null,
    };
    const account = { row, windows: windowStates(row, [], now) };
    const audit = this.audit(principal, "created", null, account, render, now);
    const stored = await store.insertUpstreamAccount(
      row,
      answerOf(idempotency, render(account), now, audit),
    );
    return stored === null ? { made: account } : replayOf(idempotency, stored);
  }

  /** The organization's accounts by id, one more than the page. */
  async list(principal: Principal, page: PageRequest): Promise<UpstreamAccount[]> {
    const organizationId = requirePermission(principal, "upstreams.read");
    const { store } = this.context;
    const rows = await store.listUpstreamAccounts(
      organizationId,
      storePage(page.startingAfter, page.limit + 1),
    );
    const usage = await store.listUpstreamUsage(organizationId);
    const now = await organizationNow(this.context, organizationId);
    return rows.map((row) => ({ row, windows: windowStates(row, usage, now) }));
  }

  async read(principal: Principal, id: string): Promise<UpstreamAccount> {
    const organizationId = requirePermission(principal, "upstreams.read");
    const row = await this.account(organizationId, id);
    const usage = await this.context.store.listUpstreamUsage(organizationId);
    return this.withUsage(row, usage, await organizationNow(this.context, organizationId));
  }

  /**
   * Changes what is given, with its audit record. A credential sealed by the previous key is
   * sealed again with the current one, so that a rotation of the secret key ends once every
   * account has been updated.
   */
  async update(
    principal: Principal,
    id: string,
    changes: UpstreamChanges,
    render: UpstreamRender,
  ): Promise<UpstreamAccount> {
    const organizationId = requirePermission(principal, "upstreams.write");
    if (changes.windows !== undefined) checkWindows(changes.windows);
    const baseUrl =
      changes.baseUrl === undefined ? undefined : checkBaseUrl(changes.baseUrl, this.allowPrivate);
    const box = changes.apiKey === undefined ? this.options.box : this.box();
    const { store } = this.context;
    for (let attempt = 0; attempt < changeAttemptsMax; attempt += 1) {
      const row = await this.account(organizationId, id);
      const context = credentialContext(organizationId, id);
      let credentialSealed = row.credentialSealed;
      if (changes.apiKey !== undefined && box !== null)
        credentialSealed = box.seal(changes.apiKey, context);
      else if (box?.sealedByPrevious(row.credentialSealed) === true)
        credentialSealed = box.seal(box.open(row.credentialSealed, context), context);
      const now = await organizationNow(this.context, organizationId);
      const next: UpstreamAccountRow = {
        ...row,
        name: changes.name ?? row.name,
        baseUrl: baseUrl ?? row.baseUrl,
        credentialSealed,
        credentialLast4: changes.apiKey?.slice(-4) ?? row.credentialLast4,
        windows: changes.windows ?? row.windows,
        enabled: changes.enabled ?? row.enabled,
        updatedAt: now,
        version: row.version + 1,
      };
      const usage = await store.listUpstreamUsage(organizationId);
      const before = this.withUsage(row, usage, now);
      const after = this.withUsage(next, usage, now);
      const audit = this.audit(principal, "updated", before, after, render, now);
      if (await store.updateUpstreamAccount(next, row.version, audit)) return after;
    }
    throw new Refusal("upstream_busy", undefined, "id");
  }

  /** Removes the account and its windows' usage; answers the account as it was. */
  async remove(principal: Principal, id: string, render: UpstreamRender): Promise<UpstreamAccount> {
    const organizationId = requirePermission(principal, "upstreams.write");
    const { store } = this.context;
    const usage = await store.listUpstreamUsage(organizationId);
    const at = await organizationNow(this.context, organizationId);
    const deleted = await store.deleteUpstreamAccount(organizationId, id, (row) =>
      this.audit(principal, "deleted", this.withUsage(row, usage, at), null, render, at),
    );
    if (deleted === null) throw new Refusal("upstream_not_found", undefined, "id");
    return this.withUsage(deleted, usage, at);
  }

  /**
   * The account the gateway calls next for `provider`, its credential opened: the eligible one
   * with the most headroom (`upstream-selection.ts`), or null when none is eligible.
   */
  async choose(
    organizationId: string,
    provider: UpstreamProvider,
    excluded: ReadonlySet<string>,
  ): Promise<ChosenUpstream | null> {
    const { store } = this.context;
    const box = this.box();
    const accounts = await store.listUpstreamAccounts(organizationId, {
      limit: limits.upstreamAccountsPerOrganizationMax,
    });
    const usage = await store.listUpstreamUsage(organizationId);
    const now = await organizationNow(this.context, organizationId);
    const chosen = leastUsed(accounts, usage, { provider, excluded, now });
    if (chosen === null) return null;
    const apiKey = box.open(chosen.credentialSealed, credentialContext(organizationId, chosen.id));
    const { id, name, baseUrl } = chosen;
    const rivals = accounts.some(
      (other) =>
        other.id !== id && other.provider === provider && other.enabled && !excluded.has(other.id),
    );
    return {
      id,
      name,
      provider: chosen.provider,
      baseUrl,
      apiKey,
      countsRequests: rivals || chosen.windows.some((window) => window.maxRequests !== null),
      countsTokens: chosen.windows.some((window) => window.maxTokens !== null),
    };
  }

  /** Adds a request's use to every window of the account, at the organization's now. */
  async recordUse(organizationId: string, id: string, use: UpstreamUse): Promise<void> {
    checkUse(use);
    const now = await organizationNow(this.context, organizationId);
    const rows = await this.context.store.recordUpstreamUse(organizationId, id, use, now);
    if (rows === null) throw new Refusal("upstream_not_found", undefined, "id");
  }

  /** `coolDown` for `ms` from the organization's now (a provider's 429 tells a duration). */
  async coolDownFor(organizationId: string, id: string, ms: number): Promise<void> {
    const now = await organizationNow(this.context, organizationId);
    return this.coolDown(organizationId, id, now + Math.max(0, ms));
  }

  /**
   * No choice of the account before `untilMs` (a provider's 429 and its retry-after), at most
   * `limits.upstreamCoolDownMsMax` ahead; a later cool-down already set stays.
   */
  async coolDown(organizationId: string, id: string, untilMs: number): Promise<void> {
    const now = await organizationNow(this.context, organizationId);
    const until = Math.min(untilMs, now + limits.upstreamCoolDownMsMax);
    if (!(await this.context.store.coolUpstreamAccount(organizationId, id, until)))
      throw new Refusal("upstream_not_found", undefined, "id");
  }

  private get allowPrivate(): boolean {
    return this.options.allowPrivate;
  }

  private box(): SecretBox {
    if (this.options.box === null) throw new Refusal("secret_key_missing");
    return this.options.box;
  }

  private async account(organizationId: string, id: string): Promise<UpstreamAccountRow> {
    const row = await this.context.store.readUpstreamAccount(organizationId, id);
    if (row === null) throw new Refusal("upstream_not_found", undefined, "id");
    return row;
  }

  private withUsage(
    row: UpstreamAccountRow,
    usage: readonly UpstreamUsageRow[],
    now: number,
  ): UpstreamAccount {
    return { row, windows: windowStates(row, usage, now) };
  }

  /** The audit record of an account's change, showing it as its view (no credential there). */
  private audit(
    principal: Principal,
    what: "created" | "updated" | "deleted",
    before: UpstreamAccount | null,
    after: UpstreamAccount | null,
    render: UpstreamRender,
    at: number,
  ): AuditEntry {
    const target = after ?? before;
    if (target === null) throw new Error("an audited change has an account");
    const change = {
      action: `upstream.${what}`,
      targetType: "upstream",
      targetId: target.row.id,
      before: before === null ? null : render(before),
      after: after === null ? null : render(after),
    };
    return auditEntry(this.context, principal, target.row.organizationId, change, at);
  }
}
