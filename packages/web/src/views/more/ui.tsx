/** The pieces every view of this folder shares: loading, problems, empty states, tables. */
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { ConsoleApi } from "./view-props.ts";
import "./more.css";

export type Loaded<T> =
  | { readonly state: "idle" }
  | { readonly state: "loading" }
  | { readonly state: "error"; readonly message: string }
  | { readonly state: "ready"; readonly value: T };

export function problemMessage(error: unknown): string {
  if (error instanceof Error && error.message !== "") return error.message;
  return "The request failed.";
}

/**
 * GETs `path` whenever it changes (nothing while it is null); `reload` asks again. An answer that
 * comes after the path changed is dropped, so a slow old answer never replaces a newer one.
 */
export function useApiGet<T>(
  api: ConsoleApi,
  path: string | null,
): { loaded: Loaded<T>; reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: path === null ? "idle" : "loading" });
  // Each request takes the next number; only the answer to the latest one is kept.
  const latest = useRef(0);
  const ask = useCallback(() => {
    latest.current += 1;
    const request = latest.current;
    if (path === null) {
      setLoaded({ state: "idle" });
      return;
    }
    setLoaded({ state: "loading" });
    api.get<T>(path).then(
      (value) => {
        if (request === latest.current) setLoaded({ state: "ready", value });
      },
      (error: unknown) => {
        if (request === latest.current)
          setLoaded({ state: "error", message: problemMessage(error) });
      },
    );
  }, [api, path]);
  useEffect(() => {
    ask();
    return () => {
      latest.current += 1;
    };
  }, [ask]);
  return { loaded, reload: ask };
}

/** A write action's state: busy while it runs, its problem if it failed. */
export function useAction(): {
  busy: boolean;
  problem: string | null;
  run: (act: () => Promise<unknown>) => void;
} {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = useCallback((act: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    act().then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        setProblem(problemMessage(error));
      },
    );
  }, []);
  return { busy, problem, run };
}

export function Loading({ what }: { readonly what: string }) {
  return (
    <p className="more-status" role="status">
      Loading {what}…
    </p>
  );
}

export function Problem({ message }: { readonly message: string }) {
  return (
    <p className="more-problem" role="alert">
      {message}
    </p>
  );
}

export function Empty({ children }: { readonly children: ReactNode }) {
  return <p className="more-empty">{children}</p>;
}

/** Renders `children` with the value once loaded, else the loading or problem line. */
export function Load<T>({
  loaded,
  what,
  children,
}: {
  readonly loaded: Loaded<T>;
  readonly what: string;
  readonly children: (value: T) => ReactNode;
}) {
  if (loaded.state === "idle") return null;
  if (loaded.state === "loading") return <Loading what={what} />;
  if (loaded.state === "error") return <Problem message={loaded.message} />;
  return <>{children(loaded.value)}</>;
}

/** A table that scrolls sideways on a narrow screen, reachable and scrollable by keyboard. */
export function TableScroll({
  label,
  children,
}: {
  readonly label: string;
  readonly children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
    <section className="more-table" aria-label={label} tabIndex={0}>
      <table>
        <caption className="more-visually-hidden">{label}</caption>
        {children}
      </table>
    </section>
  );
}

/** Saves `text` as a file the browser downloads. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A chart legend's entry in the text color, whatever its series' color: colors alone read badly. */
export function legendText(value: unknown) {
  return <span className="more-legend-text">{String(value)}</span>;
}
