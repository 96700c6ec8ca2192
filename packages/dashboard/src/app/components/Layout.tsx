/** The frame of every site page: skip link, top bar with the switcher, side navigation, main. */
import type { ReactNode } from "react";
import type { Site } from "../api/types.ts";
import { paths } from "../lib/paths.ts";
import { Link, useLocation } from "../router.tsx";
import { useSession } from "../session.tsx";
import { ErrorBoundary } from "./ErrorBoundary.tsx";
import { SiteSwitcher } from "./SiteSwitcher.tsx";

const NAV: [string, (site: string) => string, boolean][] = [
  ["Overview", paths.overview, true],
  ["Segments", paths.library, false],
  ["Segment builder", (s) => paths.builder(s), false],
  ["Conflicts", paths.conflicts, false],
  ["Live view", paths.live, false],
  ["Model card", paths.model, false],
  ["Settings", paths.settings, false],
];

export function Layout({ site, children }: { site: Site; children: ReactNode }) {
  const { me, signOut } = useSession();
  const { path } = useLocation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={paths.overview(site.id)} className="brand" aria-label="Intently home">
          <span className="brand-mark" aria-hidden="true" />
          Intently
        </Link>
        <SiteSwitcher site={site} />
        <div className="topbar-user">
          <span className="muted">{me.user.email}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul>
          {NAV.map(([label, to, exact]) => {
            const href = to(site.id);
            const base = href.split("?")[0]!;
            const current = exact ? path === base : path === base || path.startsWith(`${base}/`);
            return (
              <li key={label}>
                <Link to={href} aria-current={current ? "page" : undefined}>
                  {label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <ErrorBoundary resetKey={path}>{children}</ErrorBoundary>
      </main>
    </div>
  );
}
