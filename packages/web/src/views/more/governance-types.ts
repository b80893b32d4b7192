/** Alerts, webhooks and audit records as the governance view reads them. */

export interface Alert {
  readonly id: string;
  readonly rule: string;
  readonly pool: string;
  readonly metric: string;
  readonly unit: "percent" | "credits" | "members" | "outcomes";
  readonly subject: string | null;
  readonly threshold: string | null;
  readonly observed: string;
  readonly observed_at: string;
  readonly forecast: { readonly runs_out_at: string; readonly burn_per_day: string } | null;
  readonly status: "open" | "acknowledged" | "resolved";
  readonly acknowledged_by: string | null;
  readonly resolved_by: string | null;
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly event_types: readonly string[];
  readonly description: string;
  readonly enabled: boolean;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly event: string;
  readonly status: "pending" | "succeeded" | "failed";
  readonly attempts: number;
  readonly next_attempt_at: string | null;
  readonly last_status_code: number | null;
  readonly last_error: string | null;
  readonly created_at: string;
}

export interface AuditRecord {
  readonly id: string;
  readonly sequence: number;
  readonly at: string;
  readonly actor:
    | { readonly type: "key"; readonly id: string; readonly role: string }
    | { readonly type: "operator"; readonly id: string }
    | { readonly type: "system" };
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
}
