/**
 * Scheduled exports: one file per site, day (UTC, by session end) and format, with the session
 * summaries of that day, written by DuckDB's COPY from the store's sessions table (bots left
 * out). A file is written under a temporary name and renamed, so a file that exists is whole.
 * CSV cells are made safe for spreadsheets and files private by the store's `copyTo`.
 */
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { copyTo, DAY_MS, DuckDbStore, privateDir, type Store } from "@intently/store";
import { EXPORT_FORMATS, EXPORT_KIND, type ExportFormat, validateExport } from "./export-config.ts";

/** "YYYY-MM-DD" of an epoch-ms time, UTC. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function exportPath(folder: string, site: string, day: string, format: ExportFormat) {
  return join(folder, site, `${site}-${day}.${format}`);
}

/** Lists as text in CSV ("a|b"), as real lists in Parquet. */
function columns(format: ExportFormat): string {
  const list = (c: string, as = c) =>
    format === "csv" ? `array_to_string(${c}, '|') AS ${as}` : `${c} AS ${as}`;
  return [
    "site",
    "session",
    "visitor",
    "identified_hash AS identified",
    "make_timestamp(started_at * 1000) AS started_at",
    "make_timestamp(ended_at * 1000) AS ended_at",
    "final_segment::VARCHAR AS segment",
    list("custom_final", "custom_segments"),
    list("persisted_segments"),
    "xc_final",
    "xc_max",
    "xatc_final",
    "xatc_max",
    "xe_final",
    "xe_max",
    "stage::VARCHAR AS stage",
    "phase::VARCHAR AS phase",
    "state::VARCHAR AS state",
    "intent::VARCHAR AS intent",
    "revenue",
    "orders",
    "purchased",
    "device",
    "traffic_source",
    "source_name",
    "medium",
    "campaign",
    "country",
    "landing_page",
    list("experiments"),
  ].join(", ");
}

export async function exportDay(
  store: Store,
  site: string,
  day: string,
  folder: string,
  format: ExportFormat,
): Promise<{ path: string; rows: number }> {
  if (!(store instanceof DuckDbStore)) throw new Error("exports need the embedded DuckDB store");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`day must be YYYY-MM-DD, got ${day}`);
  const from = Date.parse(`${day}T00:00:00Z`);
  const path = exportPath(folder, site, day, format);
  privateDir(join(folder, site));
  const tmp = `${path}.tmp-${process.pid}`;
  await store.flush();
  const params = { site, from, to: from + DAY_MS };
  const where = "site = $site AND ended_at >= $from AND ended_at < $to AND NOT bot";
  let rows: number;
  try {
    rows = await copyTo(
      store.db,
      `SELECT ${columns(format)} FROM sessions WHERE ${where} ORDER BY ended_at, session`,
      params,
      tmp,
      format,
    );
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
  const lastDone = Math.floor((now - o.graceMs) / DAY_MS) - 1;
  for (const site of await store.config.listSites()) {
    for (const row of await store.config.listIntegrations(site.id)) {
      if (row.kind !== EXPORT_KIND || !row.enabled) continue;
      const c = validateExport(row.config as Record<string, unknown>);
      for (let d = lastDone - o.catchUpDays; d <= lastDone; d++) {
        const day = dayOf(d * DAY_MS);
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
 * Retention (issue 22): deletes the site's export files of days that ended before `cutoff`
 * (every session in them started before it), in every export integration's folder.
 */
export async function pruneExports(store: Store, site: string, cutoff: number): Promise<string[]> {
  const removed: string[] = [];
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
      if (!day || Date.parse(`${day}T00:00:00Z`) + DAY_MS > cutoff) continue;
      rmSync(join(dir, name), { force: true });
      removed.push(join(dir, name));
    }
  }
  return removed;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
