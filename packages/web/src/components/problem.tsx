/** The API's problem, as the API worded it (403 and 404 included), or a report not yet served. */
import { ApiProblem, reportUnavailable } from "../api.ts";

export function ProblemMessage({ error, what }: { error: unknown; what?: string }) {
  if (error === undefined || error === null) return null;
  if (reportUnavailable(error)) {
    return (
      <p className="notice" role="status">
        {what ?? "This report"} is unavailable on this server.
      </p>
    );
  }
  if (error instanceof ApiProblem) {
    return (
      <p className="problem" role="alert">
        <strong>{error.status === 0 ? "No answer" : error.status}</strong> {error.message}{" "}
        <code>{error.code}</code>
      </p>
    );
  }
  return (
    <p className="problem" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>
  );
}

export function Loading() {
  return (
    <p className="loading" aria-live="polite">
      Loading…
    </p>
  );
}
