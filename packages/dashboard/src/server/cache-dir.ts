/** Where dashboard builds are cached: node_modules/.cache, else a private temp folder. */
import { constants as fsConstants } from "node:fs";
import { access, mkdir, mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PKG_DIR = fileURLToPath(new URL("../../", import.meta.url));

async function writable(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** `node_modules/.cache/intently-dashboard` nearest the package, else the OS temp folder. */
export async function cacheRoot(): Promise<string> {
  const env = process.env.INTENTLY_DASHBOARD_CACHE;
  if (env) return env;
  for (let d = PKG_DIR; ; d = dirname(d)) {
    const nm = join(d, "node_modules");
    const exists = await stat(nm).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (exists) {
      const dir = join(nm, ".cache", "intently-dashboard");
      if (await writable(dir)) return dir;
      break;
    }
    if (dirname(d) === d) break;
  }
  return privateTempDir();
}

/**
 * A per-user folder in the OS temp folder, which other users cannot write to (they could plant
 * a script otherwise); a fresh private folder when that one is not ours.
 */
async function privateTempDir(): Promise<string> {
  const uid = process.getuid?.() ?? 0;
  const dir = join(tmpdir(), `intently-dashboard-${uid}`);
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch(() => undefined);
  const s = await stat(dir).catch(() => null);
  if (s?.isDirectory() && s.uid === uid && (s.mode & 0o022) === 0) return dir;
  return mkdtemp(join(tmpdir(), "intently-dashboard-"));
}
