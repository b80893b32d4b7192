/** Billing: the plans on offer, the organization's subscriptions, and its invoices with their lines. */
import { useState } from "react";
import {
  exactCredits,
  formatDateTimeUtc,
  formatDateUtc,
  formatMinorRate,
  formatMinorUnits,
} from "../../format.ts";
import { allows } from "../../roles.ts";
import type { Invoice, Plan, Subscription } from "./billing-types.ts";
import { withQuery } from "./query.ts";
import type { Page } from "./types.ts";
import { downloadText, Empty, Load, Problem, TableScroll, useAction, useApiGet } from "./ui.tsx";
import type { ViewProps } from "./view-props.ts";

function MoreExist({ page }: { readonly page: Page<unknown> }) {
  return page.has_more ? <p className="more-note">Showing the first {page.data.length}.</p> : null;
}

export function BillingView({ api, role, pool }: ViewProps) {
  const plans = useApiGet<Page<Plan>>(api, "/v1/plans");
  const subscriptions = useApiGet<Page<Subscription>>(api, "/v1/subscriptions?limit=100");
  return (
    <div className="more-view">
      <h1>Billing</h1>
      <h2>Plans</h2>
      <Load loaded={plans.loaded} what="plans">
        {(page) =>
          page.data.length === 0 ? <Empty>No plans are published.</Empty> : <Plans page={page} />
        }
      </Load>
      <h2>Subscriptions</h2>
      <Load loaded={subscriptions.loaded} what="subscriptions">
        {(page) =>
          page.data.length === 0 ? (
            <Empty>No pool is on a plan yet.</Empty>
          ) : (
            <Subscriptions page={page} />
          )
        }
      </Load>
      <Invoices
        api={api}
        mayWrite={allows(role, pool, "billing.write")}
        subscriptions={
          subscriptions.loaded.state === "ready" ? subscriptions.loaded.value.data : []
        }
      />
    </div>
  );
}

function Plans({ page }: { readonly page: Page<Plan> }) {
  return (
    <>
      <TableScroll label="Plans">
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col">Version</th>
            <th scope="col">Billed</th>
            <th scope="col">Base price</th>
            <th scope="col">Seat price</th>
            <th scope="col">Credits per seat</th>
            <th scope="col">Credits per organization</th>
            <th scope="col">Overage (per credit)</th>
          </tr>
        </thead>
        <tbody>
          {page.data.map((plan) => (
            <tr key={plan.id}>
              <th scope="row">
                {plan.name}
                <span className="more-id">{plan.id}</span>
              </th>
              <td className="more-number">{plan.version}</td>
              <td>per {plan.interval}</td>
              <td className="more-number">{formatMinorUnits(plan.base_price, plan.currency)}</td>
              <td className="more-number">{formatMinorUnits(plan.seat_price, plan.currency)}</td>
              <td className="more-number">{exactCredits(plan.credits_per_seat)}</td>
              <td className="more-number">{exactCredits(plan.credits_per_organization)}</td>
              <td className="more-number">{formatMinorRate(plan.overage_price, plan.currency)}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
      <MoreExist page={page} />
    </>
  );
}

/** The plan's own seats, then each tier's with seats: "10 + 3 premium". */
function seatsText(subscription: Subscription): string {
  const tiers = Object.entries(subscription.tier_seats ?? {}).filter(([, count]) => count > 0);
  return [String(subscription.seats), ...tiers.map(([tier, count]) => `${count} ${tier}`)].join(
    " + ",
  );
}

function Subscriptions({ page }: { readonly page: Page<Subscription> }) {
  return (
    <>
      <TableScroll label="Subscriptions">
        <thead>
          <tr>
            <th scope="col">Subscription</th>
            <th scope="col">Plan</th>
            <th scope="col">Pool</th>
            <th scope="col">Seats</th>
            <th scope="col">Status</th>
            <th scope="col">Current period (UTC)</th>
            <th scope="col">Included credits</th>
          </tr>
        </thead>
        <tbody>
          {page.data.map((subscription) => (
            <tr key={subscription.id}>
              <th scope="row">{subscription.id}</th>
              <td>
                {subscription.plan} v{subscription.plan_version}
                {subscription.pending_plan === null
                  ? null
                  : ` → ${subscription.pending_plan.plan} v${subscription.pending_plan.plan_version} at period end`}
              </td>
              <td>{subscription.pool}</td>
              <td className="more-number">{seatsText(subscription)}</td>
              <td>
                {subscription.status}
                {subscription.cancel_at_period_end ? " (ends at period end)" : ""}
              </td>
              <td>
                {formatDateUtc(subscription.current_period.start)} to{" "}
                {formatDateUtc(subscription.current_period.end)}
              </td>
              <td className="more-number">
                {exactCredits(subscription.current_period.included_credits)}
              </td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
      <MoreExist page={page} />
    </>
  );
}

function Invoices({
  api,
  mayWrite,
  subscriptions,
}: {
  readonly api: ViewProps["api"];
  readonly mayWrite: boolean;
  readonly subscriptions: readonly Subscription[];
}) {
  const [subscription, setSubscription] = useState("");
  const [chosen, setChosen] = useState<string | null>(null);
  const invoices = useApiGet<Page<Invoice>>(
    api,
    withQuery("/v1/invoices", { limit: 100, subscription }),
  );
  const shown =
    invoices.loaded.state === "ready"
      ? invoices.loaded.value.data.find((invoice) => invoice.id === chosen)
      : undefined;
  return (
    <>
      <h2>Invoices</h2>
      <div className="more-form">
        <div className="more-field">
          <label htmlFor="billing-subscription">Subscription</label>
          <select
            id="billing-subscription"
            value={subscription}
            onChange={(event) => setSubscription(event.target.value)}
          >
            <option value="">All</option>
            {subscriptions.map((each) => (
              <option key={each.id} value={each.id}>
                {each.id} ({each.plan})
              </option>
            ))}
          </select>
        </div>
      </div>
      <Load loaded={invoices.loaded} what="invoices">
        {(page) =>
          page.data.length === 0 ? (
            <Empty>No invoices.</Empty>
          ) : (
            <>
              <TableScroll label="Invoices">
                <thead>
                  <tr>
                    <th scope="col">Invoice</th>
                    <th scope="col">Status</th>
                    <th scope="col">Period (UTC)</th>
                    <th scope="col">Total</th>
                    <th scope="col">Lines</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.map((invoice) => (
                    <tr key={invoice.id} aria-selected={invoice.id === chosen}>
                      <th scope="row">
                        {invoice.number ?? "Draft"}
                        <span className="more-id">{invoice.id}</span>
                      </th>
                      <td>{invoice.status}</td>
                      <td>
                        {formatDateUtc(invoice.period_start)} to {formatDateUtc(invoice.period_end)}
                      </td>
                      <td className="more-number">
                        {formatMinorUnits(invoice.total, invoice.currency)}
                      </td>
                      <td>
                        <button type="button" onClick={() => setChosen(invoice.id)}>
                          Show {invoice.lines.length} lines
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </TableScroll>
              <MoreExist page={page} />
            </>
          )
        }
      </Load>
      {shown === undefined ? null : (
        <InvoiceDetail api={api} invoice={shown} mayWrite={mayWrite} onChanged={invoices.reload} />
      )}
    </>
  );
}

function InvoiceDetail({
  api,
  invoice,
  mayWrite,
  onChanged,
}: {
  readonly api: ViewProps["api"];
  readonly invoice: Invoice;
  readonly mayWrite: boolean;
  readonly onChanged: () => void;
}) {
  const [page, setPage] = useState<string | null>(null);
  const action = useAction();
  const title = `Invoice ${invoice.number ?? `${invoice.id} (draft)`}`;
  const htmlPath = `/v1/invoices/${encodeURIComponent(invoice.id)}/html`;
  const mark = (step: "pay" | "void") =>
    action.run(async () => {
      await api.send("POST", `/v1/invoices/${encodeURIComponent(invoice.id)}/${step}`);
      onChanged();
    });
  return (
    <section className="more-card" aria-label={title}>
      <h3>{title}</h3>
      <p>
        {invoice.status}, {formatDateUtc(invoice.period_start)} to{" "}
        {formatDateUtc(invoice.period_end)}
        {invoice.finalized_at === null
          ? ""
          : `, finalized ${formatDateTimeUtc(invoice.finalized_at)}`}
      </p>
      <TableScroll label={`${title}: lines`}>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Kind</th>
            <th scope="col">Quantity</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">{line.description}</th>
              <td>{line.kind}</td>
              <td className="more-number">{line.quantity}</td>
              <td>{formatDateUtc(line.from)}</td>
              <td>{formatDateUtc(line.to)}</td>
              <td className="more-number">{formatMinorUnits(line.amount, invoice.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              Total
            </th>
            <td className="more-number">{formatMinorUnits(invoice.total, invoice.currency)}</td>
          </tr>
        </tfoot>
      </TableScroll>
      <div className="more-actions">
        <button
          type="button"
          disabled={action.busy}
          onClick={() => action.run(async () => setPage(await api.text(htmlPath)))}
        >
          Show printable page
        </button>
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            action.run(async () =>
              downloadText(
                await api.text(htmlPath),
                `${invoice.number ?? invoice.id}.html`,
                "text/html",
              ),
            )
          }
        >
          Download HTML
        </button>
        {mayWrite && invoice.status === "finalized" ? (
          <>
            <button type="button" disabled={action.busy} onClick={() => mark("pay")}>
              Mark paid
            </button>
            <button
              type="button"
              disabled={action.busy}
              onClick={() => {
                if (window.confirm(`Void ${title}? This cannot be undone.`)) mark("void");
              }}
            >
              Void
            </button>
          </>
        ) : null}
      </div>
      {action.problem === null ? null : <Problem message={action.problem} />}
      {page === null ? null : (
        // The page runs no script and fetches nothing; the sandbox keeps it that way here too.
        <iframe
          className="more-invoice-page"
          title={`${title}: printable page`}
          sandbox=""
          srcDoc={page}
        />
      )}
    </section>
  );
}
