/** The signed-in user, their workspaces and sites, shared by every page. */
import { createContext, useContext } from "react";
import type { Me, Role, Site } from "./api/types.ts";

export interface Session {
  me: Me;
  sites: Site[];
  reloadSites: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in page");
  return s;
}

/** The caller's role in the workspace that owns `site`. */
export function roleFor(s: Session, site: Site): Role {
  return s.me.workspaces.find((w) => w.id === site.workspaceId)?.role ?? "viewer";
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
export const atLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];
