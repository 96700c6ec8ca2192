/** Which page the URL names, inside the layout of its site. */
import type { ReactNode } from "react";
import type { Site } from "./api/types.ts";
import { Layout } from "./components/Layout.tsx";
import { Loading } from "./components/Status.tsx";
import { paths } from "./lib/paths.ts";
import { Builder } from "./pages/Builder.tsx";
import { Conflicts } from "./pages/Conflicts.tsx";
import { DataQuality } from "./pages/DataQuality.tsx";
import { Integrations } from "./pages/Integrations.tsx";
import { Library } from "./pages/Library.tsx";
import { Live } from "./pages/Live.tsx";
import { ModelCard } from "./pages/ModelCard.tsx";
import { NoSites } from "./pages/NoSites.tsx";
import { NotFound } from "./pages/NotFound.tsx";
import { Opportunities } from "./pages/Opportunities.tsx";
import { Overview } from "./pages/Overview.tsx";
import { SegmentCard } from "./pages/SegmentCard.tsx";
import { Settings } from "./pages/Settings.tsx";
import { Users } from "./pages/Users.tsx";
import { match, Redirect, useLocation } from "./router.tsx";
import { useSession } from "./session.tsx";

type Page = (site: Site, p: Record<string, string>) => ReactNode;

const PAGES: [string, Page][] = [
  ["/app/sites/:site", (s) => <Overview site={s} />],
  ["/app/sites/:site/opportunities", (s) => <Opportunities site={s} />],
  ["/app/sites/:site/segments", (s) => <Library site={s} />],
  ["/app/sites/:site/segments/:segment", (s, p) => <SegmentCard site={s} id={p.segment!} />],
  ["/app/sites/:site/segments/:segment/edit", (s, p) => <Builder site={s} editId={p.segment!} />],
  ["/app/sites/:site/builder", (s) => <Builder site={s} />],
  ["/app/sites/:site/conflicts", (s) => <Conflicts site={s} />],
  ["/app/sites/:site/live", (s) => <Live site={s} />],
  ["/app/sites/:site/model", (s) => <ModelCard site={s} />],
  ["/app/sites/:site/data-quality", (s) => <DataQuality site={s} />],
  ["/app/sites/:site/integrations", (s) => <Integrations site={s} />],
  ["/app/sites/:site/users", (s) => <Users site={s} />],
  ["/app/sites/:site/settings", (s) => <Settings site={s} />],
  // Integrations and users were sections of Settings (issue 20, item 13): a guessed sub-path goes on.
  ["/app/sites/:site/settings/integrations", (s) => <Redirect to={paths.integrations(s.id)} />],
  ["/app/sites/:site/settings/users", (s) => <Redirect to={paths.users(s.id)} />],
];

const LAST_SITE = "intently.lastSite";

export function Routes() {
  const session = useSession();
  const { path } = useLocation();

  // App moves a signed-in user away from the sign-in page.
  if (path === "/app/sign-in") return <Loading label="Signing in" />;
  if (path === "/" || path === "/app" || path === "/app/") {
    const last = localStorage.getItem(LAST_SITE);
    const site = session.sites.find((s) => s.id === last) ?? session.sites[0];
    if (!site) return <NoSites />;
    return <Redirect key={path} to={paths.overview(site.id)} />;
  }
  for (const [pattern, render] of PAGES) {
    const p = match(pattern, path);
    if (!p) continue;
    const site = session.sites.find((s) => s.id === p.site);
    if (!site) return <NotFound what="site" />;
    localStorage.setItem(LAST_SITE, site.id);
    return (
      <Layout site={site} key={site.id}>
        {render(site, p)}
      </Layout>
    );
  }
  return <NotFound what="page" />;
}
