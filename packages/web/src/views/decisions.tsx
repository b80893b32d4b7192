/**
 * Decisions: search refused holds (and flagged usage) by code, pool, member, key and time, and
 * open one to see why: every pool of its path with the limit, consumption, holds, reservation and
 * debt the engine saw, and the cap or rate that decided.
 */
import { type FormEvent, useState } from "react";
import type { Decision, Pool } from "../api.ts";
import { Field } from "../components/field.tsx";
import { Section } from "../components/figure.tsx";
import { Loading, ProblemMessage } from "../components/problem.tsx";
import { useLoad } from "../components/use-load.ts";
import { useSession } from "../context.ts";
import { formatCredits, formatDateTimeUtc, groupDecimal } from "../format.ts";
import { hrefOf } from "../route.ts";
import type { ViewProps } from "./index.ts";

const filterNames = ["code", "pool", "member", "key", "from", "to"] as const;

export default function Decisions({ args, query }: ViewProps) {
  const id = args[0];
  if (id !== undefined) return <DecisionPage id={id} />;
  return <DecisionSearch query={query} />;
}

function DecisionSearch({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const initial = Object.fromEntries(filterNames.map((name) => [name, query.get(name) ?? ""]));
  const [form, setForm] = useState<Record<string, string>>(initial);
  const [filters, setFilters] = useState<Record<string, string>>(initial);
  const found = useLoad(
    () =>
      api.get<{ data: Decision[]; has_more: boolean }>("/v1/decisions", { ...filters, limit: 50 }),
    [JSON.stringify(filters)],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(form);
  };
  return (
    <>
      <h1>Decisions</h1>
      <Section title="Search refusals">
        <form className="inline" onSubmit={submit} aria-label="Search decisions">
          {filterNames.map((name) => (
            <Field key={name} label={name} error={null} hint={hints[name]}>
              {(a) => (
                <input
                  {...a}
                  name={name}
                  value={form[name] ?? ""}
                  onChange={(e) => setForm({ ...form, [name]: e.target.value })}
                />
              )}
            </Field>
          ))}
          <button type="submit">Search</button>
        </form>
      </Section>
      <ProblemMessage error={found.error} />
      {found.data === undefined ? (
        found.loading ? (
          <Loading />
        ) : null
      ) : found.data.data.length === 0 ? (
        <p className="notice">No decisions match.</p>
      ) : (
        <div className="table-scroll panel">
          <table>
            <thead>
              <tr>
                <th>When</th>
                <th>Code</th>
                <th>Kind</th>
                <th className="num">Amount</th>
                <th>Decided at pool</th>
                <th>Model</th>
              </tr>
            </thead>
            <tbody>
              {found.data.data.map((decision) => (
                <tr key={decision.id}>
                  <td>
                    <a href={hrefOf("decisions", decision.id)}>
                      {formatDateTimeUtc(decision.created_at)}
                    </a>
                  </td>
                  <td>
                    <code>{decision.code}</code>
                  </td>
                  <td>{decision.kind}</td>
                  <td className="num">{groupDecimal(decision.amount)}</td>
                  <td>{decision.pool}</td>
                  <td>{decision.model ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {found.data.has_more ? (
            <p className="chart-caption">The 50 newest; narrow the search for more.</p>
          ) : null}
        </div>
      )}
    </>
  );
}

const hints: Record<string, string> = {
  code: "e.g. pool_limit_exceeded",
  pool: "pool_…",
  member: "mem_…",
  key: "key_…",
  from: "ISO time",
  to: "ISO time",
};

interface PathEntry {
  pool: string;
  limit: { amount: string; kind: string; period: string } | null;
  consumed_this_period: string;
  held: string;
  reserved: { amount: string; period: string; unused: string } | null;
  debt: string;
}

function DecisionPage({ id }: { id: string }) {
  const { api } = useSession();
  const loaded = useLoad(async () => {
    const [decision, pools] = await Promise.all([
      api.get<Decision>(`/v1/decisions/${encodeURIComponent(id)}`),
      api.all<Pool>("/v1/pools"),
    ]);
    return { decision, names: new Map(pools.map((pool) => [pool.id, pool.name])) };
  }, [id]);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Back">
        <a href={hrefOf("decisions")}>Decisions</a>
      </nav>
      <ProblemMessage error={loaded.error} />
      {loaded.data === undefined ? (
        loaded.loading ? (
          <Loading />
        ) : null
      ) : (
        <DecisionDetail decision={loaded.data.decision} names={loaded.data.names} />
      )}
    </>
  );
}

function DecisionDetail({
  decision,
  names,
}: {
  decision: Decision;
  names: ReadonlyMap<string, string>;
}) {
  const evidence = decision.evidence;
  const path = (Array.isArray(evidence.path) ? evidence.path : []) as PathEntry[];
  const name = (pool: string) => names.get(pool) ?? pool;
  const rest = Object.entries(evidence).filter(([field]) => field !== "path");
  return (
    <>
      <h1>
        Refused: <code data-decision-code>{decision.code}</code>
      </h1>
      <Section title="What was asked">
        <dl className="pairs">
          <dt>Amount</dt>
          <dd>{formatCredits(decision.amount)}</dd>
          <dt>Asked at pool</dt>
          <dd>{name(decision.requested_pool)}</dd>
          <dt>Decided at pool</dt>
          <dd>
            <a href={hrefOf("pools", decision.pool)}>{name(decision.pool)}</a>
          </dd>
          <dt>Member</dt>
          <dd>{decision.member ?? "—"}</dd>
          <dt>Key</dt>
          <dd>{decision.key ?? "—"}</dd>
          <dt>Model</dt>
          <dd>{decision.model ?? "—"}</dd>
          <dt>Rate card</dt>
          <dd>{decision.rate_card_version ?? "—"}</dd>
          <dt>When</dt>
          <dd>{formatDateTimeUtc(decision.created_at)}</dd>
        </dl>
      </Section>
      <Section title="The path, as the engine saw it">
        {path.length === 0 ? (
          <p className="notice">No path recorded.</p>
        ) : (
          <div className="table-scroll">
            <table aria-label="Decision path">
              <thead>
                <tr>
                  <th>Pool</th>
                  <th className="num">Limit</th>
                  <th className="num">Consumed this period</th>
                  <th className="num">Held</th>
                  <th className="num">Reserved (unused)</th>
                  <th className="num">Debt</th>
                </tr>
              </thead>
              <tbody>
                {path.map((entry) => (
                  <tr
                    key={entry.pool}
                    data-path-pool={entry.pool}
                    className={entry.pool === decision.pool ? "decided" : undefined}
                  >
                    <td>
                      {name(entry.pool)}
                      {entry.pool === decision.pool ? <strong> ← decided here</strong> : null}
                    </td>
                    <td className="num">
                      {entry.limit === null
                        ? "—"
                        : `${groupDecimal(entry.limit.amount)} ${entry.limit.kind} / ${entry.limit.period}`}
                    </td>
                    <td className="num">{groupDecimal(entry.consumed_this_period)}</td>
                    <td className="num">{groupDecimal(entry.held)}</td>
                    <td className="num">
                      {entry.reserved === null
                        ? "—"
                        : `${groupDecimal(entry.reserved.amount)} (${groupDecimal(entry.reserved.unused)})`}
                    </td>
                    <td className="num">{groupDecimal(entry.debt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="chart-caption">Figures in credits.</p>
          </div>
        )}
      </Section>
      {rest.length === 0 ? null : (
        <Section title="Balances and the rule that decided">
          <dl className="pairs">
            {rest.map(([field, value]) => (
              <Pair
                key={field}
                field={field}
                value={typeof value === "string" ? (names.get(value) ?? value) : value}
              />
            ))}
          </dl>
        </Section>
      )}
    </>
  );
}

function Pair({ field, value }: { field: string; value: unknown }) {
  return (
    <>
      <dt>{field.replaceAll("_", " ")}</dt>
      <dd>
        {typeof value === "object" && value !== null ? (
          <code>{JSON.stringify(value)}</code>
        ) : (
          String(value)
        )}
      </dd>
    </>
  );
}
