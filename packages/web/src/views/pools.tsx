/**
 * Pools: the tree the key reaches, each pool's limit, reservation, held, consumed and available,
 * with a bar; `#/pools/<id>` opens one pool (pool-page.tsx).
 */
import type { Pool } from "../api.ts";
import { Section } from "../components/figure.tsx";
import { PoolBar, PoolBarLegend } from "../components/pool-bar.tsx";
import { Loading, ProblemMessage } from "../components/problem.tsx";
import { useLoad } from "../components/use-load.ts";
import { useSession } from "../context.ts";
import { groupDecimal } from "../format.ts";
import { hrefOf } from "../route.ts";
import { buildTree, flattenTree } from "../tree.ts";
import type { ViewProps } from "./index.ts";
import { PoolPage } from "./pool-page.tsx";

export default function Pools({ args }: ViewProps) {
  const { api } = useSession();
  const pools = useLoad(() => api.all<Pool>("/v1/pools"), []);
  const id = args[0];
  if (id !== undefined)
    return <PoolPage id={id} pools={pools.data ?? []} onChanged={pools.reload} />;
  return (
    <>
      <h1>Pools</h1>
      <ProblemMessage error={pools.error} />
      {pools.data === undefined ? (
        pools.loading ? (
          <Loading />
        ) : null
      ) : (
        <Section title="Pool tree">
          <PoolBarLegend />
          <PoolTable pools={pools.data} />
        </Section>
      )}
    </>
  );
}

export function PoolTable({ pools, rootOnly }: { pools: readonly Pool[]; rootOnly?: string }) {
  const shown = rootOnly === undefined ? pools : pools.filter((pool) => pool.parent === rootOnly);
  const rows = flattenTree(buildTree(shown.filter((pool) => pool.archived_at === null)));
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>Pool</th>
            <th>This period</th>
            <th className="num">Limit</th>
            <th className="num">Reserved</th>
            <th className="num">Consumed</th>
            <th className="num">Held</th>
            <th className="num">Available</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ pool, depth }) => (
            <tr key={pool.id} data-pool={pool.id}>
              <td>
                <span className="tree-name" style={{ paddingLeft: `${depth * 1.1}rem` }}>
                  <a href={hrefOf("pools", pool.id)}>{pool.name}</a>
                </span>
              </td>
              <td>
                <PoolBar pool={pool} />
              </td>
              <td className="num">
                {pool.limit === null
                  ? "—"
                  : `${groupDecimal(pool.limit.amount)} ${pool.limit.kind} / ${pool.limit.period}`}
              </td>
              <td className="num">
                {pool.reserved === null ? "—" : groupDecimal(pool.reserved.amount)}
              </td>
              <td className="num">{groupDecimal(pool.consumed_this_period)}</td>
              <td className="num">{groupDecimal(pool.held)}</td>
              <td className="num">{groupDecimal(pool.available)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="chart-caption">Figures in credits.</p>
    </div>
  );
}
