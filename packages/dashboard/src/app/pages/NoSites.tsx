/** A user whose workspaces have no site yet: admins create the first one here. */

import { useTitle } from "../lib/use-api.ts";
import { useSession } from "../session.tsx";
import { NewSiteForm } from "../settings/NewSiteForm.tsx";

export function NoSites() {
  useTitle("Create a site");
  const { me, signOut } = useSession();
  const admin = me.workspaces.filter((w) => w.role === "admin");
  return (
    <main className="centered" id="main">
      <h1>No sites yet</h1>
      {admin.length > 0 ? (
        <>
          <p>Create your first site to get its tag snippet.</p>
          <NewSiteForm workspaces={admin} />
        </>
      ) : (
        <p>Your workspaces have no sites yet. Ask an admin to create one.</p>
      )}
      <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
        Sign out
      </button>
    </main>
  );
}
