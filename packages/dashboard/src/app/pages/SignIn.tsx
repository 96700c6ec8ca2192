/** Sign-in: email and password → session cookie and CSRF token. */
import { type FormEvent, useId, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import type { Me, Workspace } from "../api/types.ts";
import { useTitle } from "../lib/use-api.ts";

interface LoginAnswer {
  user: Me["user"];
  auth: "session";
  csrfToken: string;
  workspaces: Workspace[];
}

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => Promise<void> }) {
  useTitle("Sign in");
  const emailId = useId();
  const passwordId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const me = await api<LoginAnswer>("/api/auth/login", {
        method: "POST",
        quiet401: true,
        body: { email: String(form.get("email")), password: String(form.get("password")) },
      });
      await onSignedIn(me);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? "Wrong email or password."
          : (err as Error).message,
      );
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Intently
        </div>
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">Shopper intent, segments and reports for your shop.</p>
        {error && (
          <p className="note note-error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor={emailId}>Email</label>
          <input id={emailId} name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
