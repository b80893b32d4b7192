/** Pooled versus siloed: the span's consumption replayed under one shared pool and under quotas. */
import { type FormEvent, type ReactNode, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Figure } from "../../components/figure.tsx";
import { exactCredits, formatDateTimeUtc } from "../../format.ts";
import { colorAt, servedSeries } from "./chart-data.ts";
import { initialPeriod, PeriodFields, PoolSelect } from "./controls.tsx";
import { withQuery } from "./query.ts";
import { poolingQuery } from "./report-queries.ts";
import type { PoolingFigures, PoolingReport } from "./types.ts";
import { Empty, Load, legendText, Problem, TableScroll, useApiGet } from "./ui.tsx";
import type { ViewProps } from "./view-props.ts";

export function PoolingView({ api }: ViewProps) {
  const [period, setPeriod] = useState(() => initialPeriod("30", Date.now()));
  const [pool, setPool] = useState("");
  const [capacity, setCapacity] = useState("");
  const [members, setMembers] = useState("");
  const [path, setPath] = useState<string | null>(() => {
    const first = poolingQuery(period, "", "", "");
    return "params" in first ? withQuery("/v1/reports/pooling", first.params) : null;
  });
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const { loaded } = useApiGet<PoolingReport>(api, path);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = poolingQuery(period, pool, capacity, members);
    if ("problem" in query) {
      setFormProblem(query.problem);
      return;
    }
    setFormProblem(null);
    setPath(withQuery("/v1/reports/pooling", query.params));
  };

  return (
    <div className="more-view">
      <h1>Pooled vs siloed</h1>
      <p className="more-lede">
        The span's consumption replayed hour by hour twice: once from one shared pool, once with the
        same credits split into equal quotas per member.
      </p>
      <form className="more-form" onSubmit={submit} aria-label="Pooling comparison">
        <PeriodFields value={period} onChange={setPeriod} />
        <PoolSelect api={api} value={pool} onChange={setPool} />
        <div className="more-field">
          <label htmlFor="pooling-capacity">Capacity (credits)</label>
          <input
            id="pooling-capacity"
            inputMode="decimal"
            placeholder="the span's consumption"
            value={capacity}
            onChange={(event) => setCapacity(event.target.value)}
          />
        </div>
        <div className="more-field">
          <label htmlFor="pooling-members">Members</label>
          <input
            id="pooling-members"
            inputMode="numeric"
            placeholder="those who consumed"
            value={members}
            onChange={(event) => setMembers(event.target.value)}
          />
        </div>
        <div className="more-actions">
          <button type="submit">Compare</button>
        </div>
      </form>
      {formProblem === null ? null : <Problem message={formProblem} />}
      <Load loaded={loaded} what="the comparison">
        {(report) => <PoolingResult report={report} />}
      </Load>
    </div>
  );
}

const sideLabels = { served: "Served", blocked: "Blocked", stranded: "Stranded" } as const;

function Side({
  id,
  title,
  figures,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly figures: PoolingFigures;
  readonly children?: ReactNode;
}) {
  return (
    <section className="more-card" aria-label={title}>
      <h2>{title}</h2>
      <div className="figures">
        {(["served", "blocked", "stranded"] as const).map((name) => (
          <Figure
            key={name}
            id={`${id}-${name}`}
            label={sideLabels[name]}
            value={`${exactCredits(figures[name])} credits`}
          />
        ))}
        {children}
      </div>
    </section>
  );
}

function PoolingResult({ report }: { readonly report: PoolingReport }) {
  if (report.per_member.length === 0) return <Empty>No consumption in this span.</Empty>;
  return (
    <>
      <div className="figures">
        <Figure label="Capacity" value={`${exactCredits(report.capacity)} credits`} />
        <Figure label="Members" value={String(report.members)} />
        <Figure
          label="Quota per member"
          value={`${exactCredits(report.quota_per_member)} credits`}
        />
      </div>
      <div className="more-sides">
        <Side id="pooled" title="Pooled" figures={report.pooled} />
        <Side id="siloed" title="Siloed" figures={report.siloed}>
          <Figure label="Members blocked" value={String(report.siloed.members_blocked)} />
        </Side>
      </div>
      <figure className="more-chart">
        <figcaption>Credits served so far, by day (UTC): pooled against siloed</figcaption>
        <ResponsiveContainer width="100%" height={300}>
          <LineChart
            data={servedSeries(report)}
            margin={{ top: 8, right: 16, bottom: 24, left: 16 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="date"
              label={{ value: "day (UTC)", position: "insideBottom", offset: -16 }}
            />
            <YAxis
              tickFormatter={(credits: number) => credits.toLocaleString("en")}
              label={{ value: "credits served", angle: -90, position: "insideLeft", offset: -8 }}
            />
            <Tooltip
              formatter={(credits) =>
                `${Number(credits).toLocaleString("en", { maximumFractionDigits: 6 })} credits`
              }
            />
            <Legend verticalAlign="top" itemSorter={null} formatter={legendText} />
            <Line
              dataKey="pooled"
              name="Pooled"
              stroke={colorAt(0)}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              dataKey="siloed"
              name="Siloed"
              stroke={colorAt(1)}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <h2>Members</h2>
      <TableScroll label="Each member under a quota">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Usage (credits)</th>
            <th scope="col">Quota</th>
            <th scope="col">Served</th>
            <th scope="col">Blocked</th>
            <th scope="col">Stranded</th>
            <th scope="col">Blocked at</th>
          </tr>
        </thead>
        <tbody>
          {report.per_member.map((member) => (
            <tr key={member.member ?? "(none)"}>
              <th scope="row">
                {member.name ?? member.member ?? "(none)"}
                {member.name === null || member.member === null ? null : (
                  <span className="more-id">{member.member}</span>
                )}
              </th>
              <td className="more-number">{exactCredits(member.usage)}</td>
              <td className="more-number">{exactCredits(member.quota)}</td>
              <td className="more-number">{exactCredits(member.served)}</td>
              <td className="more-number">{exactCredits(member.blocked)}</td>
              <td className="more-number">{exactCredits(member.stranded)}</td>
              <td>{member.blocked_at === null ? "never" : formatDateTimeUtc(member.blocked_at)}</td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
    </>
  );
}
