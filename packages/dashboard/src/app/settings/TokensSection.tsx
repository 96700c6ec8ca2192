/** API tokens of the workspace (admins): create (the secret is shown once) and revoke. */
import { type FormEvent, useId, useState } from "react";
import { api, seg } from "../api/client.ts";
import type { ApiToken, Role } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { CodeBlock, CopyButton } from "../components/Copy.tsx";
import { Async } from "../components/Status.tsx";
import { ago } from "../lib/format.ts";
import { useApi } from "../lib/use-api.ts";

export function TokensSection({ workspace }: { workspace: string }) {
  const base = `/api/workspaces/${seg(workspace)}/tokens`;
  const tokens = useApi<ApiToken[]>(base);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { name: useId(), role: useId() };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setError(null);
    try {
      const t = await api<ApiToken & { token: string }>(base, {
        method: "POST",
        body: { name: String(f.get("name")).trim(), role: String(f.get("role")) as Role },
      });
      setSecret(t.token);
      form.reset();
      tokens.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const revoke = async (t: ApiToken) => {
    if (!window.confirm(`Revoke the token “${t.name}”? Programs using it stop working.`)) return;
    await api(`${base}/${seg(t.id)}`, { method: "DELETE" }).catch((e: Error) =>
      setError(e.message),
    );
    tokens.reload();
  };

  return (
    <Card title="API tokens">
      {error && (
        <p className="note note-error" role="alert">
          {error}
        </p>
      )}
      {secret && (
        <div className="note note-warn" role="status">
          <p>Copy the new token now: it is not shown again.</p>
          <CodeBlock code={secret} label="New API token" />
          <CopyButton text={secret} label="Copy token" />
        </div>
      )}
      <Async state={tokens}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">No API tokens.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>{t.role}</td>
                    <td>{t.revokedAt ? "revoked" : ago(t.lastUsedAt)}</td>
                    <td>
                      {!t.revokedAt && (
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          onClick={() => void revoke(t)}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      <form className="inline-form" onSubmit={create}>
        <div className="field">
          <label htmlFor={ids.name}>Token name</label>
          <input id={ids.name} name="name" required maxLength={120} placeholder="e.g. BI export" />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} name="role" defaultValue="viewer">
            <option value="viewer">viewer</option>
            <option value="editor">editor</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" className="btn">
          Create token
        </button>
      </form>
    </Card>
  );
}
