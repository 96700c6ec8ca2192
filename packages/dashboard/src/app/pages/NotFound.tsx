/** An unknown page or a site the user cannot see. */

import { useTitle } from "../lib/use-api.ts";
import { Link } from "../router.tsx";

export function NotFound({ what }: { what: "page" | "site" }) {
  useTitle("Not found");
  return (
    <main className="centered" id="main">
      <h1>{what === "site" ? "Site not found" : "Page not found"}</h1>
      <p>
        {what === "site"
          ? "This site does not exist, or you are not a member of its workspace."
          : "There is nothing at this address."}
      </p>
      <Link to="/app" className="btn btn-primary">
        Go to your dashboard
      </Link>
    </main>
  );
}
