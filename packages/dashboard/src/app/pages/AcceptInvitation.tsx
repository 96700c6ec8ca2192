/**
 * Accepting an invitation (/app/invitation#<token>): signed in as the invited email, one click;
 * signed out, the account's password (a new account chooses one), which also signs in. Signed
 * in as someone else: sign out first.
 */
import { type FormEvent, useEffect, useId, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import type { Me, Role } from "../api/types.ts";
import { Loading } from "../components/Status.tsx";
import { useTitle } from "../lib/use-api.ts";
import { navigate } from "../router.tsx";

interface Lookup {
  email: string;
  role: Role;
  workspace: { id: string; name: string };
  expiresAt: number;
}

const tokenOfUrl = () => {
  try {
    return decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return "";
  }
};

export function AcceptInvitation(props: {
  me: Me | null;
  onSignedIn: (me: Me) => Promise<void>;
  onSignOut: () => Promise<void>;
}) {
  useTitle("Invitation");
  const [token] = useState(tokenOfUrl);
  const [invite, setInvite] = useState<Lookup | null | "missing">(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordId = useId();

  useEffect(() => {
    if (!token) return setInvite("missing");
    api<Lookup>("/api/invitations/lookup", {
      method: "POST",
      body: { token },
      quiet401: true,
    }).then(setInvite, () => setInvite("missing"));
  }, [token]);

  const accept = async (password?: string) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>("/api/invitations/accept", {
        method: "POST",
        quiet401: true,
        body: password === undefined ? { token } : { token, password },
      });
      await props.onSignedIn(me);
      navigate("/app", { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? "Wrong password for this account."
          : (err as Error).message,
      );
      setBusy(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    void accept(String(new FormData(e.currentTarget).get("password")));
  };

  if (invite === null) return <Loading label="Opening the invitation" />;
  return (
    <main className="signin" id="main">
      <form className="signin-card" onSubmit={submit} aria-labelledby="invite-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Intently
        </div>
        <h1 id="invite-title">Invitation</h1>
        {invite === "missing" ? (
          <p className="note note-error" role="alert">
            This invitation link is not valid: it may have expired, been revoked or used. Ask for a
            new one.
          </p>
        ) : (
          <>
            <p>
              Join <strong>{invite.workspace.name}</strong> as {invite.role}, as{" "}
              <strong>{invite.email}</strong>.
            </p>
            {error && (
              <p className="note note-error" role="alert">
                {error}
              </p>
            )}
            {props.me && props.me.user.email !== invite.email ? (
              <>
                <p className="muted">
                  You are signed in as {props.me.user.email}. Sign out, then open the link again to
                  accept it as {invite.email}.
                </p>
                <button
                  type="button"
                  className="btn btn-block"
                  onClick={() => void props.onSignOut()}
                >
                  Sign out
                </button>
              </>
            ) : props.me ? (
              <button
                type="button"
                className="btn btn-primary btn-block"
                disabled={busy}
                onClick={() => void accept()}
              >
                Accept the invitation
              </button>
            ) : (
              <>
                <input type="hidden" name="username" autoComplete="username" value={invite.email} />
                <div className="field">
                  <label htmlFor={passwordId}>Password</label>
                  <input
                    id={passwordId}
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    aria-describedby={`${passwordId}-hint`}
                    required
                  />
                  <p className="small muted" id={`${passwordId}-hint`}>
                    Your Intently password if you already have an account; otherwise choose one (at
                    least 10 characters).
                  </p>
                </div>
                <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
                  {busy ? "Accepting…" : "Accept and sign in"}
                </button>
              </>
            )}
          </>
        )}
      </form>
    </main>
  );
}
