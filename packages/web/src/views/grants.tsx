/**
 * Grants: a timeline of each grant from its effective time to its expiry (open-ended ones to the
 * chart's end), with what remains, and the table of every grant the key reaches.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Grant, Pool } from "../api.ts";
import { Section } from "../components/figure.tsx";
import { Loading, ProblemMessage } from "../components/problem.tsx";
import { useLoad } from "../components/use-load.ts";
import { useSession } from "../context.ts";
import { formatDateTimeUtc, formatDateUtc, groupDecimal, plotted } from "../format.ts";
import { hrefOf } from "../route.ts";

const dayMs = 86_400_000;

export default function Grants() {
  const { api } = useSession();
  const loaded = useLoad(async () => {
    const [grants, pools] = await Promise.all([
      api.all<Grant>("/v1/grants", {}, 500),
      api.all<Pool>("/v1/pools"),
    ]);
    return { grants, pools: new Map(pools.map((pool) => [pool.id, pool.name])) };
  }, []);
  return (
    <>
      <h1>Grants</h1>
      <ProblemMessage error={loaded.error} />
      {loaded.data === undefined ? (
        loaded.loading ? (
          <Loading />
        ) : null
      ) : (
        <>
          <Section title="Timeline">
            <Timeline grants={loaded.data.grants} pools={loaded.data.pools} />
          </Section>
          <Section title="All grants">
            <GrantTable grants={loaded.data.grants} pools={loaded.data.pools} />
          </Section>
        </>
      )}
    </>
  );
}

function Timeline(props: { grants: readonly Grant[]; pools: ReadonlyMap<string, string> }) {
  const now = Date.now();
  const shown = props.grants
    .filter((grant) => grant.status !== "voided")
    .sort((a, b) => a.effective_at.localeCompare(b.effective_at))
    .slice(-40);
  if (shown.length === 0) return <p className="notice">No grants.</p>;
  const starts = shown.map((grant) => Date.parse(grant.effective_at));
  const ends = shown.map((grant) =>
    grant.expires_at === null ? Number.NaN : Date.parse(grant.expires_at),
  );
  const latest = Math.max(now + 30 * dayMs, ...ends.filter((end) => !Number.isNaN(end)));
  const origin = Math.min(...starts);
  const rows = shown.map((grant, index) => {
    const start = (starts[index] ?? origin) - origin;
    const endRaw = ends[index] ?? Number.NaN;
    const end = (Number.isNaN(endRaw) ? latest : endRaw) - origin;
    return {
      name: `${grant.source} · ${props.pools.get(grant.pool) ?? grant.pool}`,
      span: [start / dayMs, end / dayMs] as [number, number],
      remaining: plotted(grant.remaining),
      amount: grant.amount,
      expires: grant.expires_at === null ? "never" : formatDateUtc(grant.expires_at),
    };
  });
  const height = Math.max(200, rows.length * 22 + 70);
  const day = (value: number) => formatDateUtc(new Date(origin + value * dayMs).toISOString());
  return (
    <>
      <div
        className="chart"
        style={{ height }}
        role="img"
        aria-label="Grants from effective time to expiry, in days"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 24, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              domain={[0, "dataMax"]}
              tickFormatter={day}
              label={{
                value: "date (UTC): effective → expiry",
                position: "insideBottom",
                offset: -14,
              }}
            />
            <YAxis
              type="category"
              dataKey="name"
              width={170}
              interval={0}
              tick={{ fontSize: 11 }}
            />
            <Tooltip
              formatter={(_value, _name, item) => {
                const row = item.payload as (typeof rows)[number];
                return [
                  `${groupDecimal(String(row.remaining))} of ${groupDecimal(row.amount)} credits left; expires ${row.expires}`,
                  "Grant",
                ];
              }}
            />
            <Legend verticalAlign="top" height={24} />
            <Bar dataKey="span" name="Active span (days)" fill="#2f855a" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="chart-caption">
        The newest {rows.length} grants; open-ended grants run to the chart's end.
      </p>
    </>
  );
}

function GrantTable(props: { grants: readonly Grant[]; pools: ReadonlyMap<string, string> }) {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>Source</th>
            <th>Pool</th>
            <th>Status</th>
            <th className="num">Amount</th>
            <th className="num">Remaining</th>
            <th className="num">Held</th>
            <th className="num">Cost basis</th>
            <th>Effective</th>
            <th>Expires</th>
          </tr>
        </thead>
        <tbody>
          {props.grants.map((grant) => (
            <tr key={grant.id}>
              <td>{grant.source}</td>
              <td>
                <a href={hrefOf("pools", grant.pool)}>
                  {props.pools.get(grant.pool) ?? grant.pool}
                </a>
              </td>
              <td>{grant.status}</td>
              <td className="num">{groupDecimal(grant.amount)}</td>
              <td className="num">{groupDecimal(grant.remaining)}</td>
              <td className="num">{groupDecimal(grant.held)}</td>
              <td className="num">{grant.cost_basis}</td>
              <td>{formatDateTimeUtc(grant.effective_at)}</td>
              <td>{formatDateTimeUtc(grant.expires_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="chart-caption">Amounts in credits; cost basis in money per credit.</p>
    </div>
  );
}
