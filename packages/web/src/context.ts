/** What every view is given: the API with the signed-in key, and who that key is. */
import { createContext, useContext } from "react";
import type { Api, Organization } from "./api.ts";
import type { Caller } from "./roles.ts";

export interface Session {
  readonly api: Api;
  readonly organization: Organization;
  readonly caller: Caller;
  /** The pool the key's views start from: its bound pool, else the organization's root. */
  readonly scopePool: string;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error("useSession outside a signed-in console");
  return session;
}
