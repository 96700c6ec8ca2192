/**
 * Users and roles of the workspace (admins): invite (a link to pass on, shown once; the person
 * joins on accepting it), pending invitations (revocable), change role, remove.
 */
import { type FormEvent, useId, useState } from "react";
import { api, seg } from "../api/client.ts";
import type { Invitation, Member, Role } from "../api/types.ts";
import { Card } from "../components/Bits.tsx";
import { CodeBlock, CopyButton } from "../components/Copy.tsx";
import { Async } from "../components/Status.tsx";
import { dateTime } from "../lib/format.ts";
import { paths } from "../lib/paths.ts";
import { useApi } from "../lib/use-api.ts";

const ROLES: Role[] = ["admin", "editor", "viewer"];

export function MembersSection({ workspace, me }: { workspace: string; me: string }) {
  const base = `/api/workspaces/${seg(workspace)}/members`;
  const invitesBase = `/api/workspaces/${seg(workspace)}/invitations`;
  const members = useApi<Member[]>(base);
  const invites = useApi<Invitation[]>(invitesBase);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const ids = { email: useId(), role: useId() };

  const run = async (fn: () => Promise<string | null>) => {
    setNote(null);
    try {
      const text = await fn();
      if (text) setNote({ ok: true, text });
      members.reload();
      invites.reload();
    } catch (e) {
      setNote({ ok: false, text: (e as Error).message });
    }
  };

  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    setLink(null);
    void run(async () => {
      const r = await api<{ invitation: Invitation; token: string }>(base, {
        method: "POST",
        body: { email: String(f.get("email")).trim(), role: String(f.get("role")) },
      });
      form.reset();
      setLink({ email: r.invitation.email, url: paths.invitationLink(r.token) });
      return null;
    });
  };

  return (
    <Card title="Users and roles">
      <p className="muted small">
        Admins manage settings and users; editors build segments; viewers read reports.
      </p>
      {note && (
        <p className={note.ok ? "note note-good" : "note note-error"} role="status">
          {note.text}
        </p>
      )}
      {link && (
        <div className="note note-warn" role="status">
          <p>
            Invited {link.email}. Send them this link: it is not shown again, works once and expires
            in 7 days. They join when they accept it.
          </p>
          <CodeBlock code={link.url} label={`Invitation link for ${link.email}`} />
          <CopyButton text={link.url} label="Copy link" />
        </div>
      )}
      <Async state={members}>
        {(list) => (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.email} {m.userId === me && <span className="muted">(you)</span>}
                    {m.disabled && <span className="muted"> (disabled)</span>}
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      onChange={(e) =>
                        void run(async () => {
                          await api(`${base}/${seg(m.userId)}`, {
                            method: "PATCH",
                            body: { role: e.target.value },
                          });
                          return `${m.email} is now ${e.target.value}.`;
                        })
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{dateTime(m.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() =>
                        window.confirm(`Remove ${m.email} from this workspace?`) &&
                        void run(async () => {
                          await api(`${base}/${seg(m.userId)}`, { method: "DELETE" });
                          return `Removed ${m.email}.`;
                        })
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
      <Async state={invites}>
        {(list) =>
          list.length === 0 ? null : (
            <table className="table">
              <caption className="small muted">Pending invitations</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{i.role}</td>
                    <td>{dateTime(i.expiresAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        aria-label={`Revoke the invitation of ${i.email}`}
                        onClick={() =>
                          void run(async () => {
                            await api(`${invitesBase}/${seg(i.id)}`, { method: "DELETE" });
                            return `Revoked the invitation of ${i.email}.`;
                          })
                        }
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
      <form className="inline-form" onSubmit={add}>
        <div className="field">
          <label htmlFor={ids.email}>Email</label>
          <input id={ids.email} name="email" type="email" required />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          Invite user
        </button>
      </form>
    </Card>
  );
}
