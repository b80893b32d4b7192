/** Sign in with an API key: checked against the API before the console opens. */
import { type FormEvent, useState } from "react";
import { ProblemMessage } from "./problem.tsx";

export function SignIn(props: { onKey: (key: string) => Promise<void>; error: unknown }) {
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await props.onKey(key.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>creditpool console</h1>
      <p>Sign in with an API key of your organization. It is kept in this tab only.</p>
      <form onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          value={key}
          onChange={(event) => setKey(event.target.value)}
        />
        <button type="submit" disabled={busy || key.trim() === ""}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <ProblemMessage error={props.error} />
    </main>
  );
}
