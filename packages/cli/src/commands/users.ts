/**
 * `intently users add|reset-password` (issue 23, item 7): account administration from the
 * command line, for the first admin locked out or an operator without the dashboard. They open
 * the data folder, so the server must be stopped (DuckDB: one process per file). A password is
 * read from standard input with `--password-stdin` (never from a flag, which would sit in the
 * shell's history and the process list); otherwise one is generated and printed once.
 */
import { AdminInputError, addUser, resetPassword } from "@intently/server";
import type { Store } from "@intently/store";
import { CliError, type Command } from "../command.ts";
import { stringFlag } from "../flags.ts";
import { dataDirOf, dataHelp, openStoppedStore } from "../io/stopped-store.ts";

type Values = Record<string, string | boolean | undefined>;
const out = (s: string) => process.stdout.write(`${s}\n`);
const DATA_HELP = dataHelp(22);
const STDIN_HELP =
  "  --password-stdin    read the password from standard input (else one is generated)";

async function readPassword(v: Values): Promise<string | undefined> {
  if (!v["password-stdin"]) return undefined;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function withStore<T>(v: Values, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStoppedStore(dataDirOf(v));
  try {
    return await fn(store);
  } catch (e) {
    if (e instanceof AdminInputError) throw new CliError(e.message, 1);
    throw e;
  } finally {
    await store.close();
  }
}

function email(positionals: string[]): string {
  if (positionals.length !== 1) throw new CliError("give one e-mail address");
  return positionals[0]!;
}

export const usersAddCommand: Command = {
  name: ["users", "add"],
  summary: "Add a user to a workspace with a role (or change an existing user's role there)",
  usage: `EMAIL --workspace W --role admin|editor|viewer [--data DIR] [--password-stdin]

  --workspace W       workspace id (e.g. default)
  --role R            admin, editor or viewer
${DATA_HELP}
${STDIN_HELP}`,
  options: {
    workspace: { type: "string" },
    role: { type: "string" },
    data: { type: "string" },
    "password-stdin": { type: "boolean" },
  },
  positionals: true,
  async run(v, positionals) {
    const address = email(positionals);
    const workspace = stringFlag(v, "workspace", { required: true });
    const role = stringFlag(v, "role", { required: true });
    const password = await readPassword(v);
    const r = await withStore(v, (store) =>
      addUser(store, { email: address, workspace, role, password }),
    );
    out(`${r.created ? "added" : "updated"} ${r.email} as ${role} of ${workspace}`);
    if (r.generatedPassword) out(`password (shown once): ${r.generatedPassword}`);
    return 0;
  },
};

export const usersResetPasswordCommand: Command = {
  name: ["users", "reset-password"],
  summary: "Set a new password for a user and sign them out everywhere",
  usage: `EMAIL [--data DIR] [--password-stdin]

${DATA_HELP}
${STDIN_HELP}`,
  options: { data: { type: "string" }, "password-stdin": { type: "boolean" } },
  positionals: true,
  async run(v, positionals) {
    const address = email(positionals);
    const password = await readPassword(v);
    const r = await withStore(v, (store) => resetPassword(store, { email: address, password }));
    out(`password of ${r.email} reset; ${r.signedOut} sign-in(s) ended`);
    if (r.generatedPassword) out(`password (shown once): ${r.generatedPassword}`);
    return 0;
  },
};
