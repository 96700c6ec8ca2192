/**
 * `intently privacy verify VISITOR… --site S`: after an erasure, looks for the ids everywhere
 * they could survive — every text column of every table, then every byte of every file of the
 * data folder (the collector log, tombstones, the database and its WAL) and of the site's export
 * folders, compressed log segments decompressed (find-bytes.ts in the server) — and lists each
 * place found. Exit 0 when the ids are nowhere, 1 otherwise. It opens
 * the data folder, so the server must be stopped (DuckDB: one process per file); opening runs
 * the compaction an erasure asked for, so freed blocks are searched as they will be kept.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { EXPORT_KIND, validateExport } from "@intently/integrations";
import { DEFAULT_CONFIG, findBytes } from "@intently/server";
import { CliError, type Command } from "../command.ts";
import { stringFlag } from "../flags.ts";
import { dataDirOf, openStoppedStore } from "../io/stopped-store.ts";

const out = (s: string) => process.stdout.write(`${s}\n`);

export const privacyVerifyCommand: Command = {
  name: ["privacy", "verify"],
  summary: "After an erasure: list every table and file where the given ids still appear",
  usage: `VISITOR… --site S [--data DIR] [--json]

  VISITOR            visitor ids (and any other ids: session ids, e-mails) to look for
  --site S           site id (its export folders are searched too)
  --data DIR         data folder (default ${DEFAULT_CONFIG.dataDir})
  --json             one JSON object instead of lines`,
  options: { site: { type: "string" }, data: { type: "string" }, json: { type: "boolean" } },
  positionals: true,
  async run(v, ids) {
    if (ids.length === 0) throw new CliError("give at least one id to look for");
    if (ids.some((id) => id.length < 4 || id.length > 320))
      throw new CliError("ids must be 4 to 320 characters (a shorter one would match anywhere)");
    const dir = dataDirOf(v);
    const site = stringFlag(v, "site", { required: true });
    const store = await openStoppedStore(dir);
    const tables: { id: string; table: string; column: string; rows: number }[] = [];
    const exportDirs: string[] = [];
    try {
      if (!(await store.config.getSite(site))) throw new CliError(`no site "${site}"`, 1);
      for (const id of ids) for (const f of await store.findValue(id)) tables.push({ id, ...f });
      for (const i of await store.config.listIntegrations(site)) {
        if (i.kind !== EXPORT_KIND) continue;
        const folder = join(validateExport(i.config as Record<string, unknown>).folder, site);
        if (existsSync(folder)) exportDirs.push(folder);
      }
    } finally {
      await store.close();
    }
    const files = findBytes([dir, ...exportDirs], ids);
    const clean = tables.length === 0 && files.hits.length === 0 && files.unreadable.length === 0;
    if (v.json) {
      out(
        JSON.stringify({
          clean,
          tables,
          files: files.hits,
          unreadable: files.unreadable,
          searched: { files: files.files, bytes: files.bytes, folders: [dir, ...exportDirs] },
        }),
      );
    } else {
      for (const t of tables) out(`table ${t.table}.${t.column}: ${t.rows} row(s) hold ${t.id}`);
      for (const h of files.hits) out(`file ${h.path}: holds ${h.found.join(", ")}`);
      for (const u of files.unreadable) out(`unreadable ${u}`);
      out(
        clean
          ? `clean: ${ids.length} id(s) in no table and in none of ${files.files} files (${files.bytes} bytes)`
          : `found: ${tables.length} table column(s), ${files.hits.length} file(s)`,
      );
    }
    return clean ? 0 : 1;
  },
};
