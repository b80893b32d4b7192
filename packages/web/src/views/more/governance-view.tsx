/** Alerts, webhooks and audit: what was raised, where events go, and who changed what. */
import { type FormEvent, useState } from "react";
import { exactCredits, formatDateTimeUtc } from "../../format.ts";
import { allows, type Permission } from "../../roles.ts";
import { actorText, alertFigure, alertsInOrder, auditTime } from "./governance-data.ts";
import type { Alert, AuditRecord, WebhookDelivery, WebhookEndpoint } from "./governance-types.ts";
import { withQuery } from "./query.ts";
import type { Page } from "./types.ts";
import { Empty, Load, Problem, TableScroll, useAction, useApiGet } from "./ui.tsx";
import type { ViewProps } from "./view-props.ts";

export function GovernanceView({ api, role, pool }: ViewProps) {
  const may = (permission: Permission) => allows(role, pool, permission);
  return (
    <div className="more-view">
      <h1>Alerts, webhooks and audit</h1>
      {may("alerts.read") ? (
        <Alerts api={api} mayWrite={may("alerts.write")} />
      ) : (
        <NotForRole what="Alerts" />
      )}
      {may("webhooks.read") ? <Webhooks api={api} /> : <NotForRole what="Webhook endpoints" />}
      {may("audit.read") ? <Audit api={api} /> : <NotForRole what="The audit trail" />}
    </div>
  );
}

function NotForRole({ what }: { readonly what: string }) {
  return <p className="more-note">{what}: not readable with this key's role or pool.</p>;
}

function Alerts({ api, mayWrite }: { readonly api: ViewProps["api"]; readonly mayWrite: boolean }) {
  const [status, setStatus] = useState("");
  const { loaded, reload } = useApiGet<Page<Alert>>(
    api,
    withQuery("/v1/alerts", { limit: 100, status }),
  );
  const action = useAction();
  const act = (alert: Alert, step: "acknowledge" | "resolve") =>
    action.run(async () => {
      await api.send("POST", `/v1/alerts/${encodeURIComponent(alert.id)}/${step}`);
      reload();
    });
  return (
    <section aria-labelledby="governance-alerts">
      <h2 id="governance-alerts">Alerts</h2>
      <div className="more-form">
        <div className="more-field">
          <label htmlFor="alerts-status">Status</label>
          <select
            id="alerts-status"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
          >
            <option value="">Any (open first)</option>
            <option value="open">open</option>
            <option value="acknowledged">acknowledged</option>
            <option value="resolved">resolved</option>
          </select>
        </div>
      </div>
      {action.problem === null ? null : <Problem message={action.problem} />}
      <Load loaded={loaded} what="alerts">
        {(page) =>
          page.data.length === 0 ? (
            <Empty>No alerts.</Empty>
          ) : (
            <TableScroll label="Alerts">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Pool</th>
                  <th scope="col">Threshold</th>
                  <th scope="col">Observed</th>
                  <th scope="col">When (UTC)</th>
                  {mayWrite ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {alertsInOrder(page.data).map((alert) => (
                  <tr key={alert.id} className={`more-alert-${alert.status}`}>
                    <td>{alert.status}</td>
                    <th scope="row">
                      {alert.metric}
                      {alert.subject === null ? null : (
                        <span className="more-id">{alert.subject}</span>
                      )}
                    </th>
                    <td>{alert.pool}</td>
                    <td className="more-number">{alertFigure(alert.threshold, alert.unit)}</td>
                    <td className="more-number">
                      {alertFigure(alert.observed, alert.unit)}
                      {alert.forecast === null
                        ? null
                        : ` (runs out ${formatDateTimeUtc(alert.forecast.runs_out_at)}, ` +
                          `${exactCredits(alert.forecast.burn_per_day)} credits a day)`}
                    </td>
                    <td>{formatDateTimeUtc(alert.observed_at)}</td>
                    {mayWrite ? (
                      <td className="more-row-actions">
                        {alert.status === "open" ? (
                          <button
                            type="button"
                            disabled={action.busy}
                            onClick={() => act(alert, "acknowledge")}
                          >
                            Acknowledge
                          </button>
                        ) : null}
                        {alert.status === "resolved" ? null : (
                          <button
                            type="button"
                            disabled={action.busy}
                            onClick={() => act(alert, "resolve")}
                          >
                            Resolve
                          </button>
                        )}
                      </td>
                    ) : null}
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

function Webhooks({ api }: { readonly api: ViewProps["api"] }) {
  const { loaded } = useApiGet<Page<WebhookEndpoint>>(api, "/v1/webhook-endpoints?limit=100");
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <section aria-labelledby="governance-webhooks">
      <h2 id="governance-webhooks">Webhook endpoints</h2>
      <Load loaded={loaded} what="webhook endpoints">
        {(page) =>
          page.data.length === 0 ? (
            <Empty>No webhook endpoints.</Empty>
          ) : (
            <TableScroll label="Webhook endpoints">
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">Enabled</th>
                  <th scope="col">Deliveries</th>
                </tr>
              </thead>
              <tbody>
                {page.data.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <th scope="row">
                      {endpoint.url}
                      {endpoint.description === "" ? null : (
                        <span className="more-id">{endpoint.description}</span>
                      )}
                    </th>
                    <td>{endpoint.event_types.join(", ") || "all"}</td>
                    <td>{endpoint.enabled ? "yes" : "no"}</td>
                    <td>
                      <button type="button" onClick={() => setChosen(endpoint.id)}>
                        Recent deliveries
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableScroll>
          )
        }
      </Load>
      {chosen === null ? null : <Deliveries api={api} endpoint={chosen} />}
    </section>
  );
}

function Deliveries({
  api,
  endpoint,
}: {
  readonly api: ViewProps["api"];
  readonly endpoint: string;
}) {
  const { loaded } = useApiGet<Page<WebhookDelivery>>(
    api,
    `/v1/webhook-endpoints/${encodeURIComponent(endpoint)}/deliveries?limit=20`,
  );
  return (
    <Load loaded={loaded} what="deliveries">
      {(page) =>
        page.data.length === 0 ? (
          <Empty>No deliveries to {endpoint} yet.</Empty>
        ) : (
          <TableScroll label={`Recent deliveries to ${endpoint}`}>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created (UTC)</th>
                <th scope="col">Next attempt (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {page.data.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row">{delivery.event}</th>
                  <td>{delivery.status}</td>
                  <td className="more-number">{delivery.attempts}</td>
                  <td>{delivery.last_status_code ?? delivery.last_error ?? "—"}</td>
                  <td>{formatDateTimeUtc(delivery.created_at)}</td>
                  <td>{formatDateTimeUtc(delivery.next_attempt_at)}</td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        )
      }
    </Load>
  );
}

const noAuditFilter = { action: "", target: "", actor: "", from: "", to: "" };

function Audit({ api }: { readonly api: ViewProps["api"] }) {
  const [draft, setDraft] = useState(noAuditFilter);
  const [filter, setFilter] = useState(noAuditFilter);
  const [after, setAfter] = useState<number[]>([]);
  const path = withQuery("/v1/audit-records", {
    limit: 50,
    action: filter.action,
    target: filter.target,
    actor: filter.actor,
    from: auditTime(filter.from, false),
    to: auditTime(filter.to, true),
    starting_after: after.at(-1),
  });
  const { loaded } = useApiGet<Page<AuditRecord>>(api, path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
    setAfter([]);
  };
  const text = (name: keyof typeof noAuditFilter, label: string, type = "text") => (
    <div className="more-field">
      <label htmlFor={`audit-${name}`}>{label}</label>
      <input
        id={`audit-${name}`}
        type={type}
        value={draft[name]}
        onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
      />
    </div>
  );
  return (
    <section aria-labelledby="governance-audit">
      <h2 id="governance-audit">Audit trail</h2>
      <form className="more-form" onSubmit={submit} aria-label="Audit filters">
        {text("action", "Action (e.g. pool.updated)")}
        {text("target", "Target id")}
        {text("actor", "Actor (key id, operator or system)")}
        {text("from", "From (UTC)", "date")}
        {text("to", "To (UTC, included)", "date")}
        <div className="more-actions">
          <button type="submit">Filter</button>
        </div>
      </form>
      <Load loaded={loaded} what="audit records">
        {(page) => (
          <>
            {page.data.length === 0 ? (
              <Empty>No audit records match.</Empty>
            ) : (
              <TableScroll label="Audit records">
                <thead>
                  <tr>
                    <th scope="col">Sequence</th>
                    <th scope="col">At (UTC)</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((record) => (
                    <tr key={record.id}>
                      <th scope="row" className="more-number">
                        {record.sequence}
                      </th>
                      <td>{formatDateTimeUtc(record.at)}</td>
                      <td>{actorText(record.actor)}</td>
                      <td>{record.action}</td>
                      <td>
                        {record.target.type} {record.target.id}
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
                Previous page
              </button>
              <button
                type="button"
                disabled={!page.has_more}
                onClick={() => {
                  const last = page.data.at(-1);
                  if (last !== undefined) setAfter([...after, last.sequence]);
                }}
              >
                Next page
              </button>
            </div>
          </>
        )}
      </Load>
    </section>
  );
}
