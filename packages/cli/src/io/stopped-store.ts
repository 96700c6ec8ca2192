/**
 * The store of a stopped server's data folder, for the commands that work on it directly
 * (integrations, privacy verify, users): DuckDB allows one process per file, so a running
 * server makes the open fail, and that is said plainly.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "@intently/server";
import { DB_FILE, DuckDbStore } from "@intently/store";
import { CliError } from "../command.ts";
import { stringFlag } from "../flags.ts";

/** The `--data` line of a command's help, its text starting at column `col`. */
export const dataHelp = (col: number): string =>
  `  ${"--data DIR".padEnd(col - 2)}data folder (default ${DEFAULT_CONFIG.dataDir})`;

/** The `--data` folder (default the server's). */
export const dataDirOf = (v: Record<string, string | boolean | undefined>): string =>
  stringFlag(v, "data", { default: DEFAULT_CONFIG.dataDir ?? "" });

/** Opens the folder's store, or a CliError saying why not (no data, or the server runs). */
export async function openStoppedStore(dir: string): Promise<DuckDbStore> {
  if (!existsSync(join(dir, DB_FILE))) throw new CliError(`no Intently data in ${dir}`, 1);
  try {
    return await DuckDbStore.open(dir);
  } catch (e) {
    throw new CliError(
      `cannot open ${dir} (is the server running? then use --server URL): ${(e as Error).message}`,
      1,
    );
  }
}
