/**
 * The recorder's page-view rollups between writes: views and sessions by site, the session's
 * start day, segment, path and page type. Ended sessions add to it; `take()` hands the rows over
 * and starts again (rows are additive, see PageViewRow).
 */
import type { PageViewRow } from "./rows.ts";

export class PageRollup {
  private readonly rows = new Map<string, { views: number; sessions: number }>();

  get size(): number {
    return this.rows.size;
  }

  /**
   * `views` of page `key` (segment \0 path \0 page type) by one session; `newSession` is false
   * when the same session already added views of this key.
   */
  add(site: string, day: number, key: string, views: number, newSession: boolean): void {
    const rk = `${site}\u0000${day}\u0000${key}`;
    const cur = this.rows.get(rk);
    if (cur) {
      cur.views += views;
      if (newSession) cur.sessions += 1;
    } else this.rows.set(rk, { views, sessions: newSession ? 1 : 0 });
  }

  /** The rows gathered so far; the rollup is empty afterwards. */
  take(): PageViewRow[] {
    const rows: PageViewRow[] = [];
    for (const [k, v] of this.rows) {
      const [site, day, segment, path, pageType] = k.split("\u0000") as [
        string,
        string,
        string,
        string,
        string,
      ];
      rows.push({ site, day: Number(day), segment, path, pageType, ...v });
    }
    this.rows.clear();
    return rows;
  }
}
