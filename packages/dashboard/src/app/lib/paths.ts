/** The dashboard's URLs. */
import { seg } from "../api/client.ts";

export const paths = {
  /** The page that accepts an invitation; the token rides in the fragment (never sent). */
  invitation: "/app/invitation",
  invitationLink: (token: string) =>
    `${window.location.origin}/app/invitation#${encodeURIComponent(token)}`,
  signIn: (next?: string) => `/app/sign-in${next ? `?next=${encodeURIComponent(next)}` : ""}`,
  overview: (site: string) => `/app/sites/${seg(site)}`,
  opportunities: (site: string) => `/app/sites/${seg(site)}/opportunities`,
  library: (site: string) => `/app/sites/${seg(site)}/segments`,
  segment: (site: string, id: string) => `/app/sites/${seg(site)}/segments/${seg(id)}`,
  builder: (site: string, from?: string) =>
    `/app/sites/${seg(site)}/builder${from ? `?from=${encodeURIComponent(from)}` : ""}`,
  edit: (site: string, id: string) => `/app/sites/${seg(site)}/segments/${seg(id)}/edit`,
  conflicts: (site: string) => `/app/sites/${seg(site)}/conflicts`,
  live: (site: string) => `/app/sites/${seg(site)}/live`,
  model: (site: string) => `/app/sites/${seg(site)}/model`,
  dataQuality: (site: string) => `/app/sites/${seg(site)}/data-quality`,
  integrations: (site: string) => `/app/sites/${seg(site)}/integrations`,
  users: (site: string) => `/app/sites/${seg(site)}/users`,
  settings: (site: string) => `/app/sites/${seg(site)}/settings`,
};
