/**
 * One pool: its figures and bar, its sub-pools, and, where the role allows, forms to change its
 * limit and to create a sub-pool. A field the API refuses shows the API's message beside it.
 */
import { type FormEvent, useState } from "react";
import type { Pool } from "../api.ts";
import { Field, fieldError, unclaimed } from "../components/field.tsx";
import { Figure, Section } from "../components/figure.tsx";
import { PoolBar, PoolBarLegend } from "../components/pool-bar.tsx";
import { Loading, ProblemMessage } from "../components/problem.tsx";
import { useLoad } from "../components/use-load.ts";
import { useSession } from "../context.ts";
import { formatCredits, formatDateTimeUtc } from "../format.ts";
import { roleMay } from "../roles.ts";
import { hrefOf } from "../route.ts";
import { pathTo } from "../tree.ts";
import { PoolTable } from "./pools.tsx";

export function PoolPage(props: { id: string; pools: readonly Pool[]; onChanged: () => void }) {
  const { api, caller } = useSession();
  const pool = useLoad(
    () => api.get<Pool>(`/v1/pools/${encodeURIComponent(props.id)}`),
    [props.id],
  );
  const reload = () => {
    pool.reload();
    props.onChanged();
  };
  const crumbs = pathTo(props.pools, props.id);
  const mayWrite = roleMay(caller.role, "pools.write");
  // A pool_admin sets the pools strictly below its own: its own pool is set from above.
  const mayEdit = mayWrite && props.id !== caller.pool;
  return (
    <>
      <nav className="breadcrumbs" aria-label="Pool path">
        <a href={hrefOf("pools")}>Pools</a>
        {crumbs.slice(0, -1).map((each) => (
          <a key={each.id} href={hrefOf("pools", each.id)}>
            {each.name}
          </a>
        ))}
      </nav>
      <ProblemMessage error={pool.error} />
      {pool.data === undefined ? (
        pool.loading ? (
          <Loading />
        ) : null
      ) : (
        <>
          <h1>{pool.data.name}</h1>
          <div className="figures">
            <Figure id="available" label="Available" value={formatCredits(pool.data.available)} />
            <Figure id="held" label="Held" value={formatCredits(pool.data.held)} />
            <Figure
              id="consumed"
              label="Consumed this period"
              value={formatCredits(pool.data.consumed_this_period)}
            />
            <Figure
              label="Own grants"
              value={formatCredits(pool.data.granted)}
              note={pool.data.debt === "0" ? undefined : `debt ${formatCredits(pool.data.debt)}`}
            />
          </div>
          <Section title="This period">
            <PoolBarLegend />
            <PoolBar pool={pool.data} />
            <dl className="pairs" style={{ marginTop: "0.75rem" }}>
              <dt>Limit</dt>
              <dd>
                {pool.data.limit === null
                  ? "none"
                  : `${formatCredits(pool.data.limit.amount)} (${pool.data.limit.kind}) per ${pool.data.limit.period}`}
              </dd>
              <dt>Reserved</dt>
              <dd>
                {pool.data.reserved === null
                  ? "none"
                  : `${formatCredits(pool.data.reserved.amount)} per ${pool.data.reserved.period}, ${formatCredits(pool.data.reserved.unused)} unused`}
              </dd>
              <dt>Draws from parent</dt>
              <dd>{pool.data.draws_from_parent ? "yes" : "no (funded on its own)"}</dd>
              <dt>Id</dt>
              <dd>
                <code>{pool.data.id}</code>
              </dd>
              <dt>Created</dt>
              <dd>{formatDateTimeUtc(pool.data.created_at)}</dd>
            </dl>
          </Section>
          {mayEdit ? <LimitForm pool={pool.data} onSaved={reload} /> : null}
          <Section title="Sub-pools">
            {props.pools.some((each) => each.parent === props.id) ? (
              <PoolTable pools={props.pools} rootOnly={props.id} />
            ) : (
              <p className="notice">No sub-pools.</p>
            )}
          </Section>
          {mayWrite ? <CreateSubPool parent={pool.data} onCreated={reload} /> : null}
        </>
      )}
    </>
  );
}

const periods = ["day", "week", "month"] as const;

function LimitForm(props: { pool: Pool; onSaved: () => void }) {
  const { api } = useSession();
  const [amount, setAmount] = useState(props.pool.limit?.amount ?? "");
  const [kind, setKind] = useState<"hard" | "soft">(props.pool.limit?.kind ?? "hard");
  const [period, setPeriod] = useState<(typeof periods)[number]>(
    props.pool.limit?.period ?? "month",
  );
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      const limit = amount.trim() === "" ? null : { amount: amount.trim(), kind, period };
      await api.patch(`/v1/pools/${encodeURIComponent(props.pool.id)}`, { limit });
      setSaved(true);
      props.onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  const names = ["limit"];
  return (
    <Section title="Limit">
      <form className="inline" onSubmit={submit} aria-label="Edit limit" noValidate>
        <Field
          label="Limit (credits; empty for none)"
          error={fieldError(error, ["limit.amount", "limit"])}
        >
          {(a) => (
            <input
              {...a}
              name="limit-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
        <Field label="Kind" error={fieldError(error, ["limit.kind"])}>
          {(a) => (
            <select
              {...a}
              value={kind}
              onChange={(e) => setKind(e.target.value as "hard" | "soft")}
            >
              <option value="hard">hard (refuse holds)</option>
              <option value="soft">soft (alert only)</option>
            </select>
          )}
        </Field>
        <Field label="Per" error={fieldError(error, ["limit.period"])}>
          {(a) => (
            <select
              {...a}
              value={period}
              onChange={(e) => setPeriod(e.target.value as (typeof periods)[number])}
            >
              {periods.map((each) => (
                <option key={each} value={each}>
                  {each}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Save limit</button>
      </form>
      {saved ? <p role="status">Saved.</p> : null}
      <ProblemMessage error={unclaimed(error, names)} />
    </Section>
  );
}

function CreateSubPool(props: { parent: Pool; onCreated: () => void }) {
  const { api } = useSession();
  const [name, setName] = useState("");
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<unknown>(undefined);
  const [made, setMade] = useState<Pool | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const body = {
        parent: props.parent.id,
        name: name.trim(),
        ...(amount.trim() === ""
          ? {}
          : { limit: { amount: amount.trim(), kind: "hard", period: "month" } }),
      };
      const pool = await api.post<Pool>("/v1/pools", body);
      setMade(pool);
      setName("");
      setAmount("");
      props.onCreated();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Section title="Create a sub-pool">
      <form className="inline" onSubmit={submit} aria-label="Create a sub-pool" noValidate>
        <Field label="Name" error={fieldError(error, ["name"])}>
          {(a) => (
            <input {...a} name="pool-name" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field
          label="Hard limit per month (credits, optional)"
          error={fieldError(error, ["limit"])}
        >
          {(a) => (
            <input
              {...a}
              name="pool-limit"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">Create</button>
      </form>
      {made === null ? null : (
        <p role="status">
          Created <a href={hrefOf("pools", made.id)}>{made.name}</a>.
        </p>
      )}
      <ProblemMessage error={unclaimed(error, ["name", "limit"])} />
    </Section>
  );
}
