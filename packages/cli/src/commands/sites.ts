/**
 * `intently sites add NAME` (issue 23, admin CLI): a site in a workspace, its id and public key
 * generated. Through the running server's API with `--server URL` (an admin token of the
 * workspace in INTENTLY_API_TOKEN), or on a stopped server's data folder (DuckDB allows one
 * process per file); the same checks and generated ids either way (@intently/server addSite).
 */
import { AdminInputError, addSite } from "@intently/server";
import { CliError, type Command } from "../command.ts";
import { stringFlag } from "../flags.ts";
import { SERVER_HELP, serverApi } from "../io/server-api.ts";
import { dataDirOf, dataHelp, openStoppedStore } from "../io/stopped-store.ts";

const out = (s: string) => process.stdout.write(`${s}\n`);

interface SiteAnswer {
  id: string;
  name: string;
  publicKey: string;
  allowedOrigins: string[];
  snippet?: string;
}

/** `--origins a,b`: the tag's allowed origins (checked by the server or addSite). */
const originsOf = (v: Record<string, string | boolean | undefined>): string[] =>
  stringFlag(v, "origins")
    .split(",")
    .map((o) => o.trim())
    .filter((o) => o !== "");

export const sitesAddCommand: Command = {
  name: ["sites", "add"],
  summary: "Add a site to a workspace and print its public key and tag snippet",
  usage: `NAME --workspace W [--origins O,O…] [--server URL | --data DIR] [--json]

  --workspace W       workspace id (e.g. default)
  --origins O,O…      origins the tag may send from: https://shop.example,
                      https://*.shop.example, http://localhost:*, loopback or *
${SERVER_HELP(22)}
${dataHelp(22)}
  --json              the site as one JSON object`,
  options: {
    workspace: { type: "string" },
    origins: { type: "string" },
    server: { type: "string" },
    data: { type: "string" },
    json: { type: "boolean" },
  },
  positionals: true,
  async run(v, positionals) {
    if (positionals.length !== 1) throw new CliError("give the site's name (one argument)");
    const name = positionals[0]!;
    const workspace = stringFlag(v, "workspace", { required: true });
    const allowedOrigins = originsOf(v);
    const api = serverApi(v);
    let site: SiteAnswer;
    if (api) {
      site = await api.call<SiteAnswer>(
        "POST",
        `/api/workspaces/${encodeURIComponent(workspace)}/sites`,
        { name, allowedOrigins },
      );
    } else {
      const store = await openStoppedStore(dataDirOf(v));
      try {
        site = await addSite(store, { workspace, name, allowedOrigins });
      } catch (e) {
        if (e instanceof AdminInputError) throw new CliError(e.message, 1);
        throw e;
      } finally {
        await store.close();
      }
    }
    if (v.json) {
      out(JSON.stringify(site));
      return 0;
    }
    out(`added site ${site.id} (${site.name}) to ${workspace}`);
    out(`public key: ${site.publicKey}`);
    out(`allowed origins: ${site.allowedOrigins.join(", ") || "(none yet: the tag is refused)"}`);
    if (site.snippet) out(`snippet: ${site.snippet}`);
    else
      out(
        `loader: /t/${site.publicKey}.js on the server's public URL (the dashboard shows the snippet)`,
      );
    return 0;
  },
};
