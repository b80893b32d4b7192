/**
 * Rate cards and the model catalog: the newest versions side by side (one row per meter and
 * dimensions, one column per version), and what a request would cost, quoted by the API.
 */
import { type FormEvent, useState } from "react";
import type { Quote, RateCard } from "../api.ts";
import { Field, fieldError, unclaimed } from "../components/field.tsx";
import { Section } from "../components/figure.tsx";
import { Loading, ProblemMessage } from "../components/problem.tsx";
import { useLoad } from "../components/use-load.ts";
import { useSession } from "../context.ts";
import { formatCredits, formatDateTimeUtc } from "../format.ts";
import { roleMay } from "../roles.ts";

type Price = RateCard["prices"][number];

const shownVersions = 4;

function rowKey(price: Price): string {
  const dimensions = Object.entries(price.dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  return dimensions === "" ? price.meter : `${price.meter} · ${dimensions}`;
}

function tiersText(price: Price | undefined): string {
  if (price === undefined) return "—";
  return price.tiers
    .map((tier) =>
      tier.up_to === null ? tier.credits_per_unit : `${tier.credits_per_unit} up to ${tier.up_to}`,
    )
    .join("; ");
}

export default function RateCards() {
  const { api, caller } = useSession();
  const cards = useLoad(() => api.get<{ data: RateCard[] }>("/v1/rate-cards", { limit: 20 }), []);
  const versions = (cards.data?.data ?? [])
    .slice()
    .sort((a, b) => b.effective_at.localeCompare(a.effective_at))
    .slice(0, shownVersions);
  const [filter, setFilter] = useState("");
  const rows = [...new Set(versions.flatMap((card) => card.prices.map(rowKey)))]
    .filter((row) => row.toLowerCase().includes(filter.trim().toLowerCase()))
    .sort();
  return (
    <>
      <h1>Rate cards</h1>
      <ProblemMessage error={cards.error} />
      {cards.data === undefined ? (
        cards.loading ? (
          <Loading />
        ) : null
      ) : versions.length === 0 ? (
        <p className="notice">No rate cards.</p>
      ) : (
        <Section title={`Versions side by side (newest ${versions.length})`}>
          <Field label="Filter meters and models" error={null} hint="e.g. gpt-4o or output_tokens">
            {(a) => (
              <input
                {...a}
                name="rate-filter"
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
            )}
          </Field>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>Meter · dimensions</th>
                  {versions.map((card) => (
                    <th key={card.id} className="num">
                      {formatDateTimeUtc(card.effective_at)}
                      {card.in_force ? " (in force)" : ""}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row}>
                    <td>{row}</td>
                    {versions.map((card) => (
                      <td key={card.id} className="num">
                        {tiersText(card.prices.find((price) => rowKey(price) === row))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="chart-caption">
            Credits per unit of each meter (a token, an image, a call).
          </p>
        </Section>
      )}
      {roleMay(caller.role, "holds.write") && versions[0] !== undefined ? (
        <QuoteForm card={versions.find((card) => card.in_force) ?? versions[0]} />
      ) : null}
    </>
  );
}

function QuoteForm({ card }: { card: RateCard }) {
  const { api } = useSession();
  const meters = [...new Set(card.prices.map((price) => price.meter))].sort();
  const models = [
    ...new Set(
      card.prices
        .map((price) => price.dimensions.model)
        .filter((m): m is string => m !== undefined),
    ),
  ].sort();
  const [model, setModel] = useState(models[0] ?? "");
  const firstMeter = meters.includes("input_tokens") ? "input_tokens" : meters[0];
  const [quantities, setQuantities] = useState<Record<string, string>>(
    Object.fromEntries(meters.map((meter) => [meter, meter === firstMeter ? "1000" : ""])),
  );
  const [error, setError] = useState<unknown>(undefined);
  const [quote, setQuote] = useState<Quote | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setQuote(null);
    const chosen = Object.entries(quantities).filter(([, value]) => value.trim() !== "");
    try {
      const answer = await api.post<Quote>("/v1/quotes", {
        usage: {
          quantities: Object.fromEntries(chosen.map(([meter, value]) => [meter, Number(value)])),
          dimensions: model === "" ? {} : { model },
        },
      });
      setQuote(answer);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Section title="What a request would cost">
      <form className="inline" onSubmit={submit} aria-label="Quote a request" noValidate>
        {models.length === 0 ? null : (
          <Field label="Model" error={fieldError(error, ["usage.dimensions"])}>
            {(a) => (
              <select {...a} value={model} onChange={(e) => setModel(e.target.value)}>
                {models.map((each) => (
                  <option key={each} value={each}>
                    {each}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {meters.map((meter) => (
          <Field
            key={meter}
            label={`${meter} (units)`}
            error={fieldError(error, [`usage.quantities.${meter}`])}
          >
            {(a) => (
              <input
                {...a}
                name={meter}
                inputMode="numeric"
                value={quantities[meter] ?? ""}
                onChange={(e) => setQuantities({ ...quantities, [meter]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <button type="submit">Quote</button>
      </form>
      <ProblemMessage error={unclaimed(error, ["usage"])} />
      {quote === null ? null : (
        <p role="status" data-quote>
          <strong>{formatCredits(quote.amount, 6)}</strong> at rate card{" "}
          <code>{quote.rate_card_version}</code>, valid until {formatDateTimeUtc(quote.expires_at)}.
        </p>
      )}
    </Section>
  );
}
