/**
 * Overview: what the key's pool has (available, held, consumed this period), the burn-down with
 * its forecast and days left, the biggest consumers by pool, member and model, and open alerts.
 * The report routes may be missing on an older server: each then says so in place.
 */
import type { Alert, Pool } from "../api.ts";
import { BurnDownChart, type BurnPoint, RankedBars } from "../components/charts.tsx";
import { Figure, Section } from "../components/figure.tsx";
import { Loading, ProblemMessage } from "../components/problem.tsx";
import { useLoad } from "../components/use-load.ts";
import { useSession } from "../context.ts";
import { formatCredits, formatDateTimeUtc, formatDays, plotted } from "../format.ts";
import { roleMay } from "../roles.ts";
import { hrefOf } from "../route.ts";

interface Forecast {
  as_of: string;
  window_days: number;
  available: string;
  held: string;
  burn_per_day: string;
  days_left: string | null;
  depletes_at: string | null;
  history: { date: string; consumed: string; balance: string }[];
  projection: { date: string; balance: string }[];
}

interface TopConsumers {
  consumers: { id: string | null; name: string | null; credits: string; share: string }[];
}

const dayMs = 86_400_000;

export default function Overview() {
  const { api, scopePool, caller } = useSession();
  const pool = useLoad(
    () => api.get<Pool>(`/v1/pools/${encodeURIComponent(scopePool)}`),
    [scopePool],
  );
  const forecast = useLoad(
    () => api.get<Forecast>("/v1/reports/forecast", { pool: scopePool, window: 30 }),
    [scopePool],
  );
  const span = {
    from: new Date(Date.now() - 30 * dayMs).toISOString(),
    to: new Date().toISOString(),
  };
  return (
    <>
      <h1>Overview</h1>
      {pool.error !== undefined ? <ProblemMessage error={pool.error} /> : null}
      {pool.data === undefined ? (
        pool.loading ? (
          <Loading />
        ) : null
      ) : (
        <div className="figures">
          <Figure
            id="available"
            label="Available"
            value={formatCredits(pool.data.available)}
            note={pool.data.name}
          />
          <Figure
            id="held"
            label="Held"
            value={formatCredits(pool.data.held)}
            note="reserved by open holds"
          />
          <Figure
            id="consumed"
            label="Consumed this period"
            value={formatCredits(pool.data.consumed_this_period)}
            note={
              pool.data.limit === null
                ? "no limit"
                : `limit ${formatCredits(pool.data.limit.amount)} per ${pool.data.limit.period}`
            }
          />
          <Figure
            id="days-left"
            label="Days left"
            value={forecast.data === undefined ? "—" : formatDays(forecast.data.days_left)}
            note={
              forecast.data === undefined
                ? "no forecast"
                : forecast.data.depletes_at === null
                  ? "at the last 30 days' burn"
                  : `runs out ${formatDateTimeUtc(forecast.data.depletes_at)}`
            }
          />
        </div>
      )}
      <Section title="Burn-down and forecast">
        {forecast.data !== undefined ? (
          <>
            <BurnDownChart
              points={burnPoints(forecast.data)}
              today={forecast.data.as_of.slice(0, 10)}
            />
            <p className="chart-caption">
              Burn {formatCredits(forecast.data.burn_per_day)} per day over the last{" "}
              {forecast.data.window_days} days.
            </p>
          </>
        ) : forecast.loading ? (
          <Loading />
        ) : (
          <ProblemMessage error={forecast.error} what="The forecast report" />
        )}
      </Section>
      <div className="grid">
        <TopPanel title="Top pools" by="pool" span={span} />
        {roleMay(caller.role, "members.read") ? (
          <TopPanel title="Top members" by="member" span={span} />
        ) : null}
        <TopPanel title="Top models" by="model" span={span} />
      </div>
      {roleMay(caller.role, "alerts.read") ? <OpenAlerts /> : null}
    </>
  );
}

function burnPoints(forecast: Forecast): BurnPoint[] {
  const points: BurnPoint[] = forecast.history.map((day) => ({
    date: day.date,
    balance: plotted(day.balance),
    consumed: plotted(day.consumed),
  }));
  const last = points.at(-1);
  for (const day of forecast.projection) {
    if (last !== undefined && day.date === last.date) {
      points[points.length - 1] = { ...last, projected: plotted(day.balance) };
    } else points.push({ date: day.date, projected: plotted(day.balance) });
  }
  return points;
}

function TopPanel(props: { title: string; by: string; span: { from: string; to: string } }) {
  const { api, scopePool } = useSession();
  const top = useLoad(
    () =>
      api.get<TopConsumers>("/v1/reports/top-consumers", {
        by: props.by,
        pool: scopePool,
        limit: 8,
        from: props.span.from,
        to: props.span.to,
      }),
    [scopePool, props.by],
  );
  return (
    <Section title={`${props.title}, last 30 days`}>
      {top.data !== undefined ? (
        top.data.consumers.length === 0 ? (
          <p className="notice">No consumption in the last 30 days.</p>
        ) : (
          <RankedBars
            label={`${props.title} by credits consumed`}
            rows={top.data.consumers.map((row) => ({
              name: row.name ?? row.id ?? "(none)",
              credits: plotted(row.credits),
            }))}
          />
        )
      ) : top.loading ? (
        <Loading />
      ) : (
        <ProblemMessage error={top.error} what={`The ${props.title.toLowerCase()} report`} />
      )}
    </Section>
  );
}

function OpenAlerts() {
  const { api } = useSession();
  const alerts = useLoad(async () => {
    const [open, pools] = await Promise.all([
      api.get<{ data: Alert[] }>("/v1/alerts", { status: "open", limit: 20 }),
      api.all<Pool>("/v1/pools"),
    ]);
    return { data: open.data, names: new Map(pools.map((pool) => [pool.id, pool.name])) };
  }, []);
  return (
    <Section title="Open alerts">
      {alerts.error !== undefined ? <ProblemMessage error={alerts.error} /> : null}
      {alerts.data === undefined ? (
        alerts.loading ? (
          <Loading />
        ) : null
      ) : alerts.data.data.length === 0 ? (
        <p className="notice">No open alerts.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Metric</th>
                <th>Pool</th>
                <th className="num">Observed</th>
                <th className="num">Threshold</th>
                <th>Since</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.data.map((alert) => (
                <tr key={alert.id}>
                  <td>{alert.metric}</td>
                  <td>
                    <a href={hrefOf("pools", alert.pool)}>
                      {alerts.data?.names.get(alert.pool) ?? alert.pool}
                    </a>
                  </td>
                  <td className="num">
                    {alert.observed} {alert.unit}
                  </td>
                  <td className="num">{alert.threshold ?? "—"}</td>
                  <td>{formatDateTimeUtc(alert.observed_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
