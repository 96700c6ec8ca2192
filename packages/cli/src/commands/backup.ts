/**
 * `intently backup DEST` and `intently restore SRC DEST` (docs/operations.md). A running server
 * holds the DuckDB file, so with `--server URL` the server makes the copy (POST
 * /api/admin/backup, an API token of an admin in INTENTLY_API_TOKEN); without it the stopped
 * server's data folder is opened here. Restore verifies the manifest (sizes, SHA-256, schema
 * version) and copies into a new or empty folder.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { backupDataDir, DEFAULT_CONFIG, manifestSummary, restoreBackup } from "@intently/server";
import { DB_FILE, DuckDbStore } from "@intently/store";
import { CliError, type Command } from "../command.ts";
import { stringFlag } from "../flags.ts";
import { TOKEN_ENV } from "../io/server-api.ts";

const out = (s: string) => process.stdout.write(`${s}\n`);

export const backupCommand: Command = {
  name: ["backup"],
  summary: "Copy a data folder consistently (through the running server with --server)",
  usage: `DEST [--server URL | --data DIR] [--with-key] [--json]

  DEST         a new or empty folder
  --server URL the running server (e.g. http://127.0.0.1:8080): it makes the copy; an API token
               of an admin of every workspace in ${TOKEN_ENV}; DEST must be under the server's
               INTENTLY_BACKUP_ROOT (default: the data folder's parent)
  --data DIR   a stopped server's data folder (default ${DEFAULT_CONFIG.dataDir})
  --with-key   include secret.key: whoever holds the backup can then decrypt the integrations'
               secrets (keep the key apart by default)
  --json       the result as one JSON object`,
  options: {
    server: { type: "string" },
    data: { type: "string" },
    "with-key": { type: "boolean" },
    json: { type: "boolean" },
  },
  positionals: true,
  async run(v, args) {
    if (args.length !== 1) throw new CliError("give one destination folder");
    const dest = resolve(args[0]!);
    const withKey = v["with-key"] === true;
    const server = stringFlag(v, "server", {});
    let result: Record<string, unknown>;
    if (server) {
      if (v.data !== undefined) throw new CliError("give --server or --data, not both");
      result = await viaServer(server, dest, withKey);
    } else {
      const dir = stringFlag(v, "data", { default: DEFAULT_CONFIG.dataDir ?? "" });
      if (!existsSync(join(dir, DB_FILE))) throw new CliError(`no Intently data in ${dir}`, 1);
      let store: DuckDbStore;
      try {
        store = await DuckDbStore.open(dir);
      } catch (e) {
        throw new CliError(
          `cannot open ${dir} (is the server running? then use --server URL): ${(e as Error).message}`,
          1,
        );
      }
      try {
        const r = await backupDataDir({ store, dataDir: dir, log: null }, dest, { withKey });
        const m = r.manifest;
        result = {
          dest,
          ...manifestSummary(m),
          totalMs: Math.round(r.totalMs),
        };
      } catch (e) {
        throw new CliError((e as Error).message, 1);
      } finally {
        await store.close();
      }
    }
    if (v.json) out(JSON.stringify(result));
    else {
      out(`backup in ${dest}: ${result.files} files, ${result.bytes} bytes (${result.totalMs} ms)`);
      if (!withKey) out("secret.key was not copied: keep it apart, restore it by hand");
    }
    return 0;
  },
};

async function viaServer(
  server: string,
  dest: string,
  withKey: boolean,
): Promise<Record<string, unknown>> {
  const token = process.env[TOKEN_ENV];
  if (!token) throw new CliError(`set ${TOKEN_ENV} to an API token of an admin`);
  let url: URL;
  try {
    url = new URL("/api/admin/backup", server);
  } catch {
    throw new CliError(`--server must be a URL, got ${JSON.stringify(server)}`);
  }
  let r: Response;
  try {
    r = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ dest, withKey }),
    });
  } catch (e) {
    throw new CliError(`cannot reach ${server}: ${(e as Error).message}`, 1);
  }
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (r.status !== 200)
    throw new CliError(
      `the server refused the backup (${r.status}): ${String(body.message ?? "")}`,
      1,
    );
  return body;
}

export const restoreCommand: Command = {
  name: ["restore"],
  summary: "Verify a backup and restore it into a new or empty data folder",
  usage: `SRC DEST

  SRC    a folder written by \`intently backup\`
  DEST   the new data folder (refused when it is not empty); start a server on it with --data`,
  options: {},
  positionals: true,
  async run(_v, args) {
    if (args.length !== 2) throw new CliError("give the backup folder and the new data folder");
    const [src, dest] = args.map((a) => resolve(a)) as [string, string];
    try {
      const m = await restoreBackup(src, dest);
      out(
        `restored ${m.files.length} files (schema ${m.schemaVersion}, ${m.createdAt}) to ${dest}`,
      );
      if (!m.withKey)
        out(
          "no secret.key in the backup: copy yours into the folder, or integrations' secrets stay unreadable",
        );
    } catch (e) {
      throw new CliError((e as Error).message, 1);
    }
    return 0;
  },
};
