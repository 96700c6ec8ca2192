/** The files of a dashboard build, shared by the builder (compile.ts) and the loader (build.ts). */
import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** manifest.json of a build: its content hash and the entry script's and stylesheet's names. */
export interface Manifest {
  hash: string;
  script: string;
  style: string | null;
}

/** File name (relative, `/`-separated) → contents. */
export type Files = Map<string, Buffer>;

/** Every file under `dir`, sorted. */
export async function listFiles(dir: string, out: string[] = []): Promise<string[]> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await listFiles(p, out);
    else out.push(p);
  }
  return out.sort();
}
