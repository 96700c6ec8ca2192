/**
 * The frame of every site page: skip link, top bar with the switcher, side navigation, main.
 * Below 760 px (styles/responsive.css) the side navigation folds behind a "Menu" button in the
 * top bar; it closes when a link is followed and on Escape (focus back to the button).
 */
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { Site } from "../api/types.ts";
import { paths } from "../lib/paths.ts";
import { Link, useLocation } from "../router.tsx";
import { useSession } from "../session.tsx";
import { ErrorBoundary } from "./ErrorBoundary.tsx";
import { SiteSwitcher } from "./SiteSwitcher.tsx";

const NAV: [string, (site: string) => string, boolean][] = [
  ["Overview", paths.overview, true],
  ["Opportunities", paths.opportunities, false],
  ["Segments", paths.library, false],
  ["Segment builder", (s) => paths.builder(s), false],
  ["Conflicts", paths.conflicts, false],
  ["Live view", paths.live, false],
  ["Model card", paths.model, false],
  ["Data quality", paths.dataQuality, false],
  ["Integrations", paths.integrations, false],
  ["Users", paths.users, false],
  ["Settings", paths.settings, false],
];

export function Layout({ site, children }: { site: Site; children: ReactNode }) {
  const { me, signOut } = useSession();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const navId = useId();
  // A followed link (a new path) closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: path is the trigger, not a value read
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          ref={menuButton}
          className="btn btn-ghost btn-small menu-button"
          aria-expanded={open}
          aria-controls={navId}
          onClick={() => setOpen(!open)}
        >
          Menu
        </button>
        <Link to={paths.overview(site.id)} className="brand" aria-label="Intently home">
          <span className="brand-mark" aria-hidden="true" />
          Intently
        </Link>
        <SiteSwitcher site={site} />
        <div className="topbar-user">
          <span className="muted topbar-email">{me.user.email}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <nav id={navId} className={open ? "sidebar sidebar-open" : "sidebar"} aria-label="Main">
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
