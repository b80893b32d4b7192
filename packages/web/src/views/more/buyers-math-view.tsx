/** Buyer's math: what the span's usage would cost per seat, per credit and as a hybrid. */
import { type FormEvent, useEffect, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Figure } from "../../components/figure.tsx";
import { exactCredits, formatMoney } from "../../format.ts";
import {
  breakEvenMarks,
  cheapestMargin,
  colorAt,
  costCurve,
  pricingLabels,
  pricingModels,
} from "./chart-data.ts";
import { initialPeriod, PeriodFields, PoolSelect } from "./controls.tsx";
import { withQuery } from "./query.ts";
import {
  type BuyersMathInputs,
  buyersMathFields,
  buyersMathInputsOf,
  buyersMathQuery,
} from "./report-queries.ts";
import type { BuyersMath } from "./types.ts";
import { Load, legendText, Problem, useApiGet } from "./ui.tsx";
import type { ViewProps } from "./view-props.ts";

const blankInputs = buyersMathInputsOf({});

export function BuyersMathView({ api }: ViewProps) {
  const [period, setPeriod] = useState(() => initialPeriod("30", Date.now()));
  const [pool, setPool] = useState("");
  const [inputs, setInputs] = useState<BuyersMathInputs>(blankInputs);
  const [path, setPath] = useState<string | null>(() => {
    const first = buyersMathQuery(period, "", blankInputs);
    return "params" in first ? withQuery("/v1/reports/buyers-math", first.params) : null;
  });
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const { loaded } = useApiGet<BuyersMath>(api, path);

  // Each answer echoes the inputs it used, defaults filled: the form starts from those.
  useEffect(() => {
    if (loaded.state === "ready") setInputs(buyersMathInputsOf(loaded.value.inputs));
  }, [loaded]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = buyersMathQuery(period, pool, inputs);
    if ("problem" in query) {
      setFormProblem(query.problem);
      return;
    }
    setFormProblem(null);
    setPath(withQuery("/v1/reports/buyers-math", query.params));
  };

  return (
    <div className="more-view">
      <h1>Buyer's math</h1>
      <p className="more-lede">
        What the span's usage would have cost under three ways of buying: seats with overage,
        credits alone, or seats whose credits are pooled. Prices are per the span chosen.
      </p>
      <form className="more-form" onSubmit={submit} aria-label="Buyer's math inputs">
        <PeriodFields value={period} onChange={setPeriod} />
        <PoolSelect api={api} value={pool} onChange={setPool} />
        {buyersMathFields.map((field) => (
          <div className="more-field" key={field.name}>
            <label htmlFor={`buyers-${field.name}`}>{field.label}</label>
            <input
              id={`buyers-${field.name}`}
              inputMode={field.name === "members" ? "numeric" : "decimal"}
              placeholder="default"
              value={inputs[field.name]}
              onChange={(event) => setInputs({ ...inputs, [field.name]: event.target.value })}
            />
          </div>
        ))}
        <div className="more-actions">
          <button type="submit">Compare</button>
        </div>
      </form>
      {formProblem === null ? null : <Problem message={formProblem} />}
      <Load loaded={loaded} what="buyer's math">
        {(math) => <BuyersMathResult math={math} />}
      </Load>
    </div>
  );
}

function BuyersMathResult({ math }: { readonly math: BuyersMath }) {
  const currency = math.currency ?? null;
  const money = (text: string) => formatMoney(text, currency);
  const margin = cheapestMargin(math);
  const curve = costCurve(math);
  const marks = breakEvenMarks(math);
  const unit = currency ?? "money";
  return (
    <>
      <p className="more-verdict" role="status">
        {margin === null
          ? `At your usage, ${pricingLabels[math.cheapest]} costs the same as the next cheapest.`
          : `At your usage, ${pricingLabels[math.cheapest]} is cheapest by ${money(margin.by)}` +
            ` (against ${pricingLabels[margin.runnerUp]}).`}
      </p>
      <div className="figures">
        {pricingModels.map((model) => (
          <Figure
            key={model}
            id={`cost-${model}`}
            highlight={model === math.cheapest}
            label={
              <>
                {pricingLabels[model]}
                {model === math.cheapest ? <span className="more-badge">cheapest</span> : null}
              </>
            }
            value={money(math.costs[model])}
          />
        ))}
      </div>
      <div className="figures">
        <Figure label="Members" value={String(math.members)} />
        <Figure label="Credits consumed" value={exactCredits(math.usage.total)} />
        <Figure label="Average per member" value={exactCredits(math.usage.per_member_average)} />
        <Figure label="Most by one member" value={exactCredits(math.usage.per_member_max)} />
      </div>
      <figure className="more-chart">
        <figcaption>
          Cost ({unit}) as usage scales from none to twice yours, by credits per member
        </figcaption>
        <ResponsiveContainer width="100%" height={320}>
          <LineChart data={curve} margin={{ top: 8, right: 16, bottom: 24, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={(credits: number) => credits.toLocaleString("en")}
              label={{ value: "credits per member", position: "insideBottom", offset: -16 }}
            />
            <YAxis
              tickFormatter={(cost: number) => cost.toLocaleString("en")}
              label={{ value: `cost (${unit})`, angle: -90, position: "insideLeft", offset: -8 }}
            />
            <Tooltip
              labelFormatter={(credits) =>
                `${Number(credits).toLocaleString("en", { maximumFractionDigits: 6 })} credits per member`
              }
              formatter={(cost) =>
                `${unit} ${Number(cost).toLocaleString("en", { maximumFractionDigits: 6 })}`
              }
            />
            <Legend verticalAlign="top" itemSorter={null} formatter={legendText} />
            {pricingModels.map((model, index) => (
              <Line
                key={model}
                dataKey={model}
                name={pricingLabels[model]}
                stroke={colorAt(index)}
                strokeWidth={model === math.cheapest ? 3 : 2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
            {marks.map((mark) => (
              <ReferenceLine
                key={mark.label}
                x={mark.x}
                stroke="#555"
                strokeDasharray="4 4"
                label={{ value: mark.label, position: "insideTopLeft", fontSize: 11 }}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      {marks.length === 0 ? null : (
        <ul className="more-list">
          {marks.map((mark) => (
            <li key={mark.label}>
              {mark.label} at {exactCredits(mark.credits)} credits per member
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
