/**
 * What a view of this folder is given by the console's shell: a way to call the API with the
 * signed-in key, and that key's role and pool. The shell adapts its own api module to this shape
 * in one place, so the views know nothing of how the key is kept.
 */

export interface ConsoleApi {
  /** GET a JSON API path (e.g. "/v1/reports/usage?…"); rejects with an Error whose message is the problem's detail. */
  get<T>(path: string): Promise<T>;
  /** Sends a JSON body; same errors. */
  send<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T>;
  /** GET a path as text (CSV export). */
  text(path: string): Promise<string>;
}

export interface ViewProps {
  readonly api: ConsoleApi;
  readonly role: string;
  readonly pool: string | null;
}
