/** The app: who is signed in, then which page the URL names. */
import { useCallback, useEffect, useState } from "react";
import { api, onSignedOut, seg, setCsrfToken } from "./api/client.ts";
import type { Me, Site } from "./api/types.ts";
import { Loading } from "./components/Status.tsx";
import { paths } from "./lib/paths.ts";
import { AcceptInvitation } from "./pages/AcceptInvitation.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { Routes } from "./Routes.tsx";
import { navigate, useLocation } from "./router.tsx";
import { type Session, SessionContext } from "./session.tsx";

type Auth = { state: "loading" } | { state: "out" } | { state: "in"; me: Me; sites: Site[] };

async function sitesOf(me: Me): Promise<Site[]> {
  const lists = await Promise.all(
    me.workspaces.map((w) => api<Site[]>(`/api/workspaces/${seg(w.id)}/sites`)),
  );
  return lists.flat();
}

export function App() {
  const [auth, setAuth] = useState<Auth>({ state: "loading" });
  const { path, query } = useLocation();

  const signedIn = useCallback(async (me: Me) => {
    setCsrfToken(me.csrfToken);
    setAuth({ state: "in", me, sites: await sitesOf(me) });
  }, []);

  useEffect(() => {
    api<Me>("/api/me", { quiet401: true }).then(signedIn, () => setAuth({ state: "out" }));
    return onSignedOut(() => {
      setCsrfToken(null);
      setAuth({ state: "out" });
    });
  }, [signedIn]);

  const onSignIn = path === "/app/sign-in";
  const onInvitation = path === paths.invitation;
  useEffect(() => {
    if (auth.state === "out" && !onSignIn && !onInvitation) {
      const here = window.location.pathname + window.location.search;
      navigate(paths.signIn(here === "/" || here === "/app" ? undefined : here), { replace: true });
    }
    if (auth.state === "in" && onSignIn) {
      const next = query.get("next");
      navigate(next?.startsWith("/app/") ? next : "/app", { replace: true });
    }
  }, [auth.state, onSignIn, onInvitation, query]);

  const signOut = async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    setCsrfToken(null);
    setAuth({ state: "out" });
  };

  if (auth.state === "loading") return <Loading label="Loading Intently" />;
  // An invitation is accepted signed in or out (./pages/AcceptInvitation.tsx).
  if (onInvitation)
    return (
      <AcceptInvitation
        me={auth.state === "in" ? auth.me : null}
        onSignedIn={signedIn}
        onSignOut={signOut}
      />
    );
  if (auth.state === "out") return <SignIn onSignedIn={signedIn} />;

  const session: Session = {
    me: auth.me,
    sites: auth.sites,
    reloadSites: async () => {
      const sites = await sitesOf(auth.me);
      setAuth({ state: "in", me: auth.me, sites });
    },
    signOut,
  };
  return (
    <SessionContext.Provider value={session}>
      <Routes />
    </SessionContext.Provider>
  );
}
