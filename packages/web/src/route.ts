/**
 * Hash routes (`#/pools/pool_…`): the server serves one page, and the address after `#` names
 * the view and its arguments. Nothing secret ever goes in it.
 */

export interface Route {
  /** The view's path segment: `""` for the overview. */
  readonly view: string;
  readonly args: readonly string[];
  readonly query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const bare = hash.replace(/^#\/?/, "");
  const [path = "", search = ""] = bare.split("?", 2);
  const segments = path
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => decodeURIComponent(segment));
  const [view = "", ...args] = segments;
  return { view, args, query: new URLSearchParams(search) };
}

export function hrefOf(view: string, ...args: readonly string[]): string {
  const path = [view, ...args]
    .filter((s) => s !== "")
    .map(encodeURIComponent)
    .join("/");
  return `#/${path}`;
}
