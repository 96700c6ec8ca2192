/**
 * Model versions per site, as files in the data folder: `models/<site>/<id>.json` (bundles with
 * their cards) and `models/<site>/current` (the promoted version's id). A bundle is written
 * before the pointer, and the pointer is replaced atomically (rename), so a crash never leaves
 * a site pointing at a half-written model.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type LoadedBundle, loadBundle, type ModelBundle } from "@intently/intent-model";
import { PRIVATE_FILE_MODE, privateDir } from "@intently/store";

const SAFE = /^[A-Za-z0-9_.-]+$/;

export interface ModelVersion {
  id: string;
  trainedAt: string;
  current: boolean;
}

export class ModelRegistry {
  constructor(private readonly dir: string) {}

  private siteDir(site: string): string {
    if (!SAFE.test(site)) throw new Error(`unsafe site id for a path: ${site}`);
    return join(this.dir, site);
  }

  save(site: string, bundle: ModelBundle): void {
    if (!SAFE.test(bundle.id)) throw new Error(`unsafe model id: ${bundle.id}`);
    const d = this.siteDir(site);
    privateDir(d);
    writeFileSync(join(d, `${bundle.id}.json`), JSON.stringify(bundle), {
      mode: PRIVATE_FILE_MODE,
    });
  }

  promote(site: string, id: string): void {
    const d = this.siteDir(site);
    if (!existsSync(join(d, `${id}.json`))) throw new Error(`no model ${id} for site ${site}`);
    writeFileSync(join(d, "current.tmp"), id, { mode: PRIVATE_FILE_MODE });
    renameSync(join(d, "current.tmp"), join(d, "current"));
  }

  currentId(site: string): string | null {
    const p = join(this.siteDir(site), "current");
    return existsSync(p) ? readFileSync(p, "utf8").trim() : null;
  }

  load(site: string, id: string): LoadedBundle {
    return loadBundle(JSON.parse(readFileSync(join(this.siteDir(site), `${id}.json`), "utf8")));
  }

  current(site: string): LoadedBundle | null {
    const id = this.currentId(site);
    return id ? this.load(site, id) : null;
  }

  versions(site: string): ModelVersion[] {
    const d = this.siteDir(site);
    if (!existsSync(d)) return [];
    const current = this.currentId(site);
    return readdirSync(d)
      .filter((f) => f.endsWith(".json"))
      .map((f) => {
        const id = f.slice(0, -5);
        const b = JSON.parse(readFileSync(join(d, f), "utf8")) as ModelBundle;
        return { id, trainedAt: b.card.trainedAt, current: id === current };
      })
      .sort((a, b) => (a.trainedAt < b.trainedAt ? 1 : -1));
  }

  sites(): string[] {
    return existsSync(this.dir) ? readdirSync(this.dir).filter((s) => SAFE.test(s)) : [];
  }
}
