/**
 * `intently tokens add NAME` (issue 23, admin CLI): an API token of a workspace, printed once
 * (the store keeps its SHA-256). Through the running server's API with `--server URL` (an admin
 * token of the workspace in INTENTLY_API_TOKEN: the new token acts for the same user), or on a
 * stopped server's data folder for the user named by `--user` (how the first token is made
 * without the dashboard). A token's role is at most its user's in the workspace.
 */
import { AdminInputError, addToken } from "@intently/server";
import { CliError, type Command } from "../command.ts";
import { stringFlag } from "../flags.ts";
import { SERVER_HELP, serverApi, TOKEN_ENV } from "../io/server-api.ts";
import { dataDirOf, dataHelp, openStoppedStore } from "../io/stopped-store.ts";

const out = (s: string) => process.stdout.write(`${s}\n`);

interface TokenAnswer {
  id: string;
  name: string;
  role: string;
  token: string;
}

export const tokensAddCommand: Command = {
  name: ["tokens", "add"],
  summary: "Create an API token of a workspace (printed once)",
  usage: `NAME --workspace W --role admin|editor|viewer [--server URL | --user EMAIL [--data DIR]] [--json]

  --workspace W       workspace id (e.g. default)
  --role R            admin, editor or viewer (at most the user's role there)
${SERVER_HELP(22)}
  --user EMAIL        with a stopped server: the member the token acts for
${dataHelp(22)}
  --json              the token as one JSON object`,
  options: {
    workspace: { type: "string" },
    role: { type: "string" },
    user: { type: "string" },
    server: { type: "string" },
    data: { type: "string" },
    json: { type: "boolean" },
  },
  positionals: true,
  async run(v, positionals) {
    if (positionals.length !== 1) throw new CliError("give the token's name (one argument)");
    const name = positionals[0]!;
    const workspace = stringFlag(v, "workspace", { required: true });
    const role = stringFlag(v, "role", { required: true });
    const api = serverApi(v);
    let made: TokenAnswer;
    if (api) {
      if (v.user !== undefined)
        throw new CliError(`--user is for a stopped server: the token in ${TOKEN_ENV} names it`);
      made = await api.call<TokenAnswer>(
        "POST",
        `/api/workspaces/${encodeURIComponent(workspace)}/tokens`,
        { name, role },
      );
    } else {
      const email = stringFlag(v, "user");
      if (!email) throw new CliError("give --user EMAIL (the member the token acts for)");
      const store = await openStoppedStore(dataDirOf(v));
      try {
        const { token, raw } = await addToken(store, { workspace, email, name, role });
        made = { id: token.id, name: token.name, role: token.role, token: raw };
      } catch (e) {
        if (e instanceof AdminInputError) throw new CliError(e.message, 1);
        throw e;
      } finally {
        await store.close();
      }
    }
    if (v.json) out(JSON.stringify(made));
    else {
      out(`token ${made.id} (${made.name}), ${made.role} of ${workspace}`);
      out(`token (shown once): ${made.token}`);
    }
    return 0;
  },
};
