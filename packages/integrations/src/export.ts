/**
 * Scheduled exports: one file per site, day and format, with the session summaries of that day
 * written by the store (`store.exports`, the one selection rule of store/src/exports.ts: the
 * sessions that ended in the day, bots left out). Days are the site's local days (its time zone,
 * DST-correct: 23 or 25 hours on a change). A file is written under a temporary name and renamed,
 * so a file that exists is whole. The store makes CSV cells safe for spreadsheets and files private.
 */
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  isoDay,
  localDate,
  localDayRange,
  privateDir,
  type Store,
  UTC,
  zoneDays,
} from "@intently/store";
import { EXPORT_FORMATS, EXPORT_KIND, type ExportFormat, validateExport } from "./export-config.ts";

/** "YYYY-MM-DD" of an epoch-ms time in a time zone (UTC by default). */
export function dayOf(ms: number, zone = UTC): string {
  return localDate(zone, ms);
}

/** The site's time zone (UTC for a site without configuration). */
async function zoneOf(store: Store, site: string): Promise<string> {
  return (await store.config.getSite(site))?.settings.timeZone ?? UTC;
}

/** The site's local date of the day before the one holding `now` (the test export's day). */
export async function previousDay(store: Store, site: string, now: number): Promise<string> {
  return isoDay(zoneDays(await zoneOf(store, site)).dayOf(now) - 1);
}

export function exportPath(folder: string, site: string, day: string, format: ExportFormat) {
  return join(folder, site, `${site}-${day}.${format}`);
}

export async function exportDay(
  store: Store,
  site: string,
  day: string,
  folder: string,
  format: ExportFormat,
): Promise<{ path: string; rows: number }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`day must be YYYY-MM-DD, got ${day}`);
  const { from, to } = localDayRange(await zoneOf(store, site), day);
  const path = exportPath(folder, site, day, format);
  privateDir(join(folder, site));
  const tmp = `${path}.tmp-${process.pid}`;
  let rows: number;
  try {
    rows = await store.exports.write({ site, from, to, format, layout: "daily", path: tmp });
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { path, rows };
}

export interface ExportScheduleOptions {
  /** Days before yesterday still exported when missing (the server was down). */
  catchUpDays: number;
  /** A day is exported this long after it ends (sessions end up to 30 min after their last
   * event, and are written within seconds of ending). */
  graceMs: number;
}

export const DEFAULT_EXPORT_SCHEDULE: ExportScheduleOptions = {
  catchUpDays: 3,
  graceMs: 45 * 60_000,
};

/** Writes every missing file of the finished days; returns the paths written. */
export async function runExports(
  store: Store,
  now: number,
  o: ExportScheduleOptions = DEFAULT_EXPORT_SCHEDULE,
): Promise<string[]> {
  const written: string[] = [];
  for (const site of await store.config.listSites()) {
    const zone = site.settings.timeZone ?? UTC;
    const days = zoneDays(zone);
    // The last local day whose grace period is over.
    const lastDone = days.dayOf(now - o.graceMs) - 1;
    for (const row of await store.config.listIntegrations(site.id)) {
      if (row.kind !== EXPORT_KIND || !row.enabled) continue;
      const c = validateExport(row.config as Record<string, unknown>);
      for (let d = lastDone - o.catchUpDays; d <= lastDone; d++) {
        const day = dayOf(days.start(d), zone);
        for (const f of c.formats) {
          if (existsSync(exportPath(c.folder, site.id, day, f))) continue;
          written.push((await exportDay(store, site.id, day, c.folder, f)).path);
        }
      }
    }
  }
  return written;
}

/**
 * After an erasure (issue 22): rewrites the site's existing export files of the given days from
 * the store, which no longer holds the erased rows, so no file keeps them. Returns the paths.
 */
export async function rewriteExports(
  store: Store,
  site: string,
  days: readonly string[],
): Promise<string[]> {
  const written: string[] = [];
  for (const row of await store.config.listIntegrations(site)) {
    if (row.kind !== EXPORT_KIND) continue;
    const c = validateExport(row.config as Record<string, unknown>);
    for (const day of days) {
      for (const f of EXPORT_FORMATS) {
        if (!existsSync(exportPath(c.folder, site, day, f))) continue;
        written.push((await exportDay(store, site, day, c.folder, f)).path);
      }
    }
  }
  return written;
}

/**
 * Retention (issue 22): deletes the site's export files of (local) days that ended before
 * `cutoff` (every session in them started before it), in every export integration's folder.
 */
export async function pruneExports(store: Store, site: string, cutoff: number): Promise<string[]> {
  const removed: string[] = [];
  const zone = await zoneOf(store, site);
  const file = new RegExp(`^${escapeRegExp(site)}-(\\d{4}-\\d{2}-\\d{2})\\.(csv|parquet)$`);
  for (const row of await store.config.listIntegrations(site)) {
    if (row.kind !== EXPORT_KIND) continue;
    const dir = join(validateExport(row.config as Record<string, unknown>).folder, site);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // nothing exported yet
    }
    for (const name of names) {
      const day = file.exec(name)?.[1];
      if (!day || localDayRange(zone, day).to > cutoff) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(join(dir, name));
    }
  }
  return removed;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
