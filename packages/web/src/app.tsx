/**
 * The console: signs in with a key (checked by `GET /v1/organization`, which also says the key's
 * role and pool), then shows the view the hash names.
 */
import { Component, type ReactNode, Suspense, useCallback, useEffect, useState } from "react";
import { ApiProblem, createApi, type Organization } from "./api.ts";
import { Layout } from "./components/layout.tsx";
import { Loading, ProblemMessage } from "./components/problem.tsx";
import { SignIn } from "./components/sign-in.tsx";
import { type Session, SessionContext } from "./context.ts";
import { callerMay, type Role } from "./roles.ts";
import { parseHash, type Route } from "./route.ts";
import { forgetKey, storedKey, storeKey } from "./session.ts";
import { views } from "./views/index.ts";

/** `GET /v1/organization` with the calling key's description. */
type OrganizationWithKey = Organization & {
  key?: { id: string; role: Role; pool: string | null; member: string | null };
};

async function open(key: string): Promise<Session> {
  const api = createApi(key);
  const organization = await api.get<OrganizationWithKey>("/v1/organization");
  const role = organization.key?.role ?? "viewer";
  const pool = organization.key?.pool ?? null;
  return {
    api,
    organization,
    caller: { role, pool },
    scopePool: pool ?? organization.root_pool,
  };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseHash(window.location.hash));
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  return route;
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [resuming, setResuming] = useState(() => storedKey() !== null);
  const route = useRoute();

  const signIn = useCallback(async (key: string) => {
    setError(undefined);
    try {
      const opened = await open(key);
      storeKey(key);
      setSession(opened);
    } catch (failure) {
      forgetKey();
      setError(failure);
    }
  }, []);

  useEffect(() => {
    const key = storedKey();
    if (key === null) return;
    void signIn(key).finally(() => setResuming(false));
  }, [signIn]);

  const signOut = useCallback(() => {
    forgetKey();
    setSession(null);
    setError(undefined);
  }, []);

  if (resuming && session === null) return <Loading />;
  if (session === null) return <SignIn onKey={signIn} error={error} />;

  const view = views.find((each) => each.path === route.view);
  const allowed =
    view !== undefined &&
    (view.permission === undefined || callerMay(session.caller, view.permission));
  const Shown = view?.component;
  return (
    <SessionContext.Provider value={session}>
      <Layout current={route.view} onSignOut={signOut}>
        <Boundary key={`${route.view}/${route.args.join("/")}`}>
          <Suspense fallback={<Loading />}>
            {Shown !== undefined && allowed ? (
              <Shown args={route.args} query={route.query} />
            ) : (
              <ProblemMessage
                error={
                  new ApiProblem(
                    404,
                    "view_not_found",
                    view === undefined
                      ? "There is no such page."
                      : "This key's role may not open this page.",
                    null,
                  )
                }
              />
            )}
          </Suspense>
        </Boundary>
      </Layout>
    </SessionContext.Provider>
  );
}

/** A view that throws while rendering shows its error instead of blanking the console. */
class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: undefined as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    if (this.state.error !== undefined) return <ProblemMessage error={this.state.error} />;
    return this.props.children;
  }
}
