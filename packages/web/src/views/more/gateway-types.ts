/** The gateway's upstream accounts, routing policies and call log, as the gateway view reads them. */

export interface UpstreamWindow {
  readonly duration_seconds: number;
  readonly max_requests: number | null;
  readonly max_tokens: number | null;
  readonly used: { readonly requests: number; readonly tokens: number };
  readonly resets_at: string | null;
}

export interface Upstream {
  readonly id: string;
  readonly provider: string;
  readonly name: string;
  readonly base_url: string;
  readonly api_key_last4: string;
  readonly windows: readonly UpstreamWindow[];
  readonly enabled: boolean;
  readonly cooling_until: string | null;
  readonly last_used_at: string | null;
}

export interface RoutingPolicy {
  readonly id: string;
  readonly pool: string;
  readonly tiers: Readonly<Record<"light" | "standard" | "heavy", readonly string[]>>;
  readonly default_tier: "light" | "standard" | "heavy";
  readonly route_all: boolean;
  readonly low_balance: {
    readonly below: string | null;
    readonly below_percent: number | null;
    readonly step_down: boolean;
  } | null;
  readonly on_limit: "end_stream" | "extend";
}

export interface GatewayCall {
  readonly id: string;
  readonly pool: string;
  readonly key: string;
  readonly member: string | null;
  readonly provider: string;
  readonly requested_model: string;
  readonly model: string;
  readonly upstream: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly credits: string;
  readonly status: string;
  readonly finish_reason: string | null;
  readonly started_at: string;
}
