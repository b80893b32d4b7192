/**
 * The report and administration views (`views/more/`) in the console's shell: each is given the
 * signed-in key's API, role and pool through one adapter, so those views know nothing of how the
 * key is kept.
 */
import { type ComponentType, useMemo } from "react";
import type { Api } from "../api.ts";
import { useSession } from "../context.ts";
import type { ViewProps as ShellViewProps } from "./index.ts";
import type { ConsoleApi, ViewProps as MoreViewProps } from "./more/view-props.ts";

/** The shell's API in the shape the views of `views/more/` call. */
export function consoleApiOf(api: Api): ConsoleApi {
  return {
    get: (path) => api.get(path),
    text: (path) => api.text(path),
    send: (method, path, body) => {
      if (method === "POST") return api.post(path, body ?? {});
      if (method === "PATCH") return api.patch(path, body ?? {});
      return api.del(path);
    },
  };
}

/** A view of `views/more/` as a view of the shell. */
export function inShell(View: ComponentType<MoreViewProps>): ComponentType<ShellViewProps> {
  return function ShellView() {
    const { api, caller } = useSession();
    const adapted = useMemo(() => consoleApiOf(api), [api]);
    return <View api={adapted} role={caller.role} pool={caller.pool} />;
  };
}
