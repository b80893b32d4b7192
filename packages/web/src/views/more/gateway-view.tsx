/** The gateway: upstream accounts (never a secret), routing policies and the call log. */
import { type FormEvent, useState } from "react";
import { exactCredits, formatDateTimeUtc } from "../../format.ts";
import { allows, type Permission } from "../../roles.ts";
import { PoolSelect } from "./controls.tsx";
import { lowBalanceText, tagsText, upstreamState, windowText } from "./gateway-data.ts";
import type { GatewayCall, RoutingPolicy, Upstream } from "./gateway-types.ts";
import { withQuery } from "./query.ts";
import type { Page } from "./types.ts";
import { Empty, Load, TableScroll, useApiGet } from "./ui.tsx";
import type { ViewProps } from "./view-props.ts";

export function GatewayView({ api, role, pool }: ViewProps) {
  const may = (permission: Permission) => allows(role, pool, permission);
  return (
    <div className="more-view">
      <h1>Gateway</h1>
      {may("upstreams.read") ? (
        <Upstreams api={api} />
      ) : (
        <p className="more-note">Upstream accounts: not readable with this key's role or pool.</p>
      )}
      {may("routing.read") ? (
        <Policies api={api} />
      ) : (
        <p className="more-note">Routing policies: not readable with this key's role.</p>
      )}
      <Calls api={api} readsMembers={may("members.read")} />
    </div>
  );
}

function Upstreams({ api }: { readonly api: ViewProps["api"] }) {
  const { loaded } = useApiGet<Page<Upstream>>(api, "/v1/upstreams?limit=100");
  const now = Date.now();
  return (
    <section aria-labelledby="gateway-upstreams">
      <h2 id="gateway-upstreams">Upstream accounts</h2>
      <Load loaded={loaded} what="upstream accounts">
        {(page) =>
          page.data.length === 0 ? (
            <Empty>No upstream accounts: the gateway calls no provider yet.</Empty>
          ) : (
            <TableScroll label="Upstream accounts">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Base URL</th>
                  <th scope="col">Key</th>
                  <th scope="col">State</th>
                  <th scope="col">Windows</th>
                  <th scope="col">Last used (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((upstream) => (
                  <tr key={upstream.id}>
                    <th scope="row">
                      {upstream.name}
                      <span className="more-id">{upstream.id}</span>
                    </th>
                    <td>{upstream.provider}</td>
                    <td>{upstream.base_url}</td>
                    <td>…{upstream.api_key_last4}</td>
                    <td>{upstreamState(upstream, now)}</td>
                    <td>
                      {upstream.windows.length === 0
                        ? "none"
                        : upstream.windows.map((window) => (
                            <div key={window.duration_seconds}>{windowText(window)}</div>
                          ))}
                    </td>
                    <td>{formatDateTimeUtc(upstream.last_used_at)}</td>
                  </tr>
                ))}
              </tbody>
            </TableScroll>
          )
        }
      </Load>
    </section>
  );
}

function Policies({ api }: { readonly api: ViewProps["api"] }) {
  const { loaded } = useApiGet<Page<RoutingPolicy>>(api, "/v1/routing-policies?limit=100");
  return (
    <section aria-labelledby="gateway-policies">
      <h2 id="gateway-policies">Routing policies</h2>
      <Load loaded={loaded} what="routing policies">
        {(page) =>
          page.data.length === 0 ? (
            <Empty>No routing policies: calls run the model they name.</Empty>
          ) : (
            <TableScroll label="Routing policies">
              <thead>
                <tr>
                  <th scope="col">Pool</th>
                  <th scope="col">Light</th>
                  <th scope="col">Standard</th>
                  <th scope="col">Heavy</th>
                  <th scope="col">Default tier</th>
                  <th scope="col">Routes</th>
                  <th scope="col">Low balance</th>
                  <th scope="col">At the hold's limit</th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((policy) => (
                  <tr key={policy.id}>
                    <th scope="row">{policy.pool}</th>
                    <td>{policy.tiers.light.join(", ") || "—"}</td>
                    <td>{policy.tiers.standard.join(", ") || "—"}</td>
                    <td>{policy.tiers.heavy.join(", ") || "—"}</td>
                    <td>{policy.default_tier}</td>
                    <td>{policy.route_all ? "every call" : "calls asking for auto"}</td>
                    <td>{lowBalanceText(policy)}</td>
                    <td>{policy.on_limit === "extend" ? "extend the hold" : "end the stream"}</td>
                  </tr>
                ))}
              </tbody>
            </TableScroll>
          )
        }
      </Load>
    </section>
  );
}

const noCallFilter = { pool: "", member: "", key: "" };

function Calls({
  api,
  readsMembers,
}: {
  readonly api: ViewProps["api"];
  readonly readsMembers: boolean;
}) {
  // Members are named when the key may list them; otherwise their ids are shown.
  const members = useApiGet<Page<{ id: string; name: string }>>(
    api,
    readsMembers ? "/v1/members?limit=100" : null,
  );
  const memberNames = new Map(
    members.loaded.state === "ready"
      ? members.loaded.value.data.map((member) => [member.id, member.name])
      : [],
  );
  const [draft, setDraft] = useState(noCallFilter);
  const [filter, setFilter] = useState(noCallFilter);
  const [after, setAfter] = useState<string[]>([]);
  const { loaded } = useApiGet<Page<GatewayCall>>(
    api,
    withQuery("/v1/gateway-calls", { limit: 50, ...filter, starting_after: after.at(-1) }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
    setAfter([]);
  };
  return (
    <section aria-labelledby="gateway-calls">
      <h2 id="gateway-calls">Calls</h2>
      <form className="more-form" onSubmit={submit} aria-label="Call filters">
        <PoolSelect
          api={api}
          value={draft.pool}
          onChange={(pool) => setDraft({ ...draft, pool })}
        />
        <div className="more-field">
          <label htmlFor="calls-member">Member id</label>
          <input
            id="calls-member"
            placeholder="mem_…"
            value={draft.member}
            onChange={(event) => setDraft({ ...draft, member: event.target.value })}
          />
        </div>
        <div className="more-field">
          <label htmlFor="calls-key">Key id</label>
          <input
            id="calls-key"
            placeholder="key_…"
            value={draft.key}
            onChange={(event) => setDraft({ ...draft, key: event.target.value })}
          />
        </div>
        <div className="more-actions">
          <button type="submit">Filter</button>
        </div>
      </form>
      <Load loaded={loaded} what="calls">
        {(page) => (
          <>
            {page.data.length === 0 ? (
              <Empty>No calls through the gateway match.</Empty>
            ) : (
              <TableScroll label="Gateway calls, newest first">
                <thead>
                  <tr>
                    <th scope="col">Started (UTC)</th>
                    <th scope="col">Model asked</th>
                    <th scope="col">Model ran</th>
                    <th scope="col">Member</th>
                    <th scope="col">Key</th>
                    <th scope="col">Tags</th>
                    <th scope="col">Credits</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((call) => (
                    <tr key={call.id}>
                      <th scope="row">{formatDateTimeUtc(call.started_at)}</th>
                      <td>{call.requested_model}</td>
                      <td>
                        {call.model}
                        <span className="more-id">{call.provider}</span>
                      </td>
                      <td>
                        {call.member === null ? "—" : (memberNames.get(call.member) ?? call.member)}
                        {call.member !== null && memberNames.has(call.member) ? (
                          <span className="more-id">{call.member}</span>
                        ) : null}
                      </td>
                      <td>{call.key}</td>
                      <td>{tagsText(call.tags)}</td>
                      <td className="more-number">{exactCredits(call.credits)}</td>
                      <td>
                        {call.status}
                        {call.finish_reason === null ? null : (
                          <span className="more-id">{call.finish_reason}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableScroll>
            )}
            <div className="more-actions">
              <button
                type="button"
                disabled={after.length === 0}
                onClick={() => setAfter(after.slice(0, -1))}
              >
                Newer
              </button>
              <button
                type="button"
                disabled={!page.has_more}
                onClick={() => {
                  const last = page.data.at(-1);
                  if (last !== undefined) setAfter([...after, last.id]);
                }}
              >
                Older
              </button>
            </div>
          </>
        )}
      </Load>
    </section>
  );
}
