/**
 * The shell: a skip link, the organization and key in the header, the nav (real links, one per
 * view the role may open; a menu button folds it on narrow screens), and the view in `<main>`.
 */
import { type ReactNode, useState } from "react";
import { useSession } from "../context.ts";
import { callerMay } from "../roles.ts";
import { hrefOf } from "../route.ts";
import { views } from "../views/index.ts";

export function Layout(props: { current: string; onSignOut: () => void; children: ReactNode }) {
  const { organization, caller } = useSession();
  const [open, setOpen] = useState(false);
  const shown = views.filter(
    (view) => view.permission === undefined || callerMay(caller, view.permission),
  );
  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={skipToMain}>
        Skip to content
      </button>
      <header className="top">
        <span className="brand">creditpool</span>
        <span className="org" title={organization.id}>
          {organization.name}
        </span>
        <span className="who">
          <span className="badge" data-role={caller.role}>
            {caller.role}
          </span>
          {caller.pool === null ? null : <span className="scope"> bound to a pool</span>}
        </span>
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="nav"
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
        <button type="button" className="sign-out" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      <nav id="nav" aria-label="Console" className={open ? "nav nav-open" : "nav"}>
        <ul>
          {shown.map((view) => (
            <li key={view.path}>
              <a
                href={hrefOf(view.path)}
                aria-current={view.path === props.current ? "page" : undefined}
                onClick={() => setOpen(false)}
              >
                {view.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}

/** Hash routing owns `#…`, so skipping to the content moves focus instead of changing the hash. */
function skipToMain() {
  document.getElementById("main")?.focus();
}
