/**
 * Erasure tombstones (issue 22): one line per erased visitor, `<sha-256 hex> <epoch ms>`, in
 * `<log dir>/erased`, appended and fsynced before an erasure answers. The hash of the site id
 * and visitor id, never the ids themselves, so the file holds nothing that names the visitor.
 * The collector consults it on every batch: crash recovery and replay never re-apply an erased
 * visitor's batches, and new batches under an erased id are refused without being stored.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { PRIVATE_FILE_MODE } from "@intently/store";

export const TOMBSTONES_FILE = "erased";
/**
 * Present while erasures are under way, one JSON line `{site, visitor}` each: the next start
 * finishes them (store, log, exports). It names the visitors, and is deleted as soon as the
 * last erasure in it has finished (a few seconds).
 */
export const PENDING_FILE = "erased.pending";

export interface ErasureTarget {
  site: string;
  visitor: string;
}
const LINE = /^([0-9a-f]{64}) (\d+)$/;

export const erasureKey = (site: string, visitor: string): string =>
  createHash("sha256").update(`intently-erased\u0000${site}\u0000${visitor}`).digest("hex");

export class Tombstones {
  private readonly keys = new Set<string>();
  /** `site\u0000visitor` of the erasures made by this process (memory only, never written). */
  private readonly recent = new Set<string>();
  private readonly path: string;
  private readonly pendingPath: string;

  constructor(dir: string) {
    this.path = join(dir, TOMBSTONES_FILE);
    this.pendingPath = join(dir, PENDING_FILE);
    let text = "";
    try {
      text = readFileSync(this.path, "utf8");
    } catch {
      return; // none yet
    }
    for (const line of text.split("\n")) {
      const m = LINE.exec(line);
      if (m) this.keys.add(m[1]!);
    }
  }

  get size(): number {
    return this.keys.size;
  }

  /** Whether the visitor was erased (no hashing while nothing was). */
  has(site: string, visitor: string): boolean {
    return this.keys.size > 0 && this.keys.has(erasureKey(site, visitor));
  }

  /**
   * Whether this process erased the visitor: a plain lookup, for batches accepted before the
   * erasure and applied after it (erasures of earlier processes are checked at acceptance).
   */
  erasedHere(site: string, visitor: string): boolean {
    return this.recent.size > 0 && this.recent.has(`${site}\u0000${visitor}`);
  }

  /** Records erasures durably (written and fsynced) before returning. */
  add(site: string, visitors: readonly string[], now = Date.now()): void {
    for (const v of visitors) this.recent.add(`${site}\u0000${v}`);
    const fresh = visitors.map((v) => erasureKey(site, v)).filter((k) => !this.keys.has(k));
    if (fresh.length === 0) return;
    const fd = openSync(this.path, "a", PRIVATE_FILE_MODE);
    try {
      writeSync(fd, fresh.map((k) => `${k} ${now}\n`).join(""));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    for (const k of fresh) this.keys.add(k);
  }

  /** Whether an erasure was under way when the process stopped. */
  get pending(): boolean {
    return existsSync(this.pendingPath);
  }

  /** The erasures under way (or cut short), from the pending file. */
  pendingTargets(): ErasureTarget[] {
    let text = "";
    try {
      text = readFileSync(this.pendingPath, "utf8");
    } catch {
      return [];
    }
    const out: ErasureTarget[] = [];
    for (const line of text.split("\n")) {
      try {
        const t = JSON.parse(line) as ErasureTarget;
        if (typeof t?.site === "string" && typeof t.visitor === "string") out.push(t);
      } catch {
        // a torn last line: its tombstone still stops the batches; the rest is in the log
      }
    }
    return out;
  }

  /**
   * `on`: records erasures under way (durably); off: they are done — the file goes when none
   * is left, or altogether when no targets are given.
   */
  setPending(on: boolean, targets: readonly ErasureTarget[] = []): void {
    const key = (t: ErasureTarget) => `${t.site}\u0000${t.visitor}`;
    const done = new Set(targets.map(key));
    const left = on
      ? [...this.pendingTargets(), ...targets]
      : targets.length === 0
        ? []
        : this.pendingTargets().filter((t) => !done.has(key(t)));
    if (!on && left.length === 0) {
      rmSync(this.pendingPath, { force: true });
      return;
    }
    const text = left.map((t) => `${JSON.stringify({ site: t.site, visitor: t.visitor })}\n`);
    writeFileSync(this.pendingPath, text.join(""), { mode: PRIVATE_FILE_MODE, flush: true });
  }
}
