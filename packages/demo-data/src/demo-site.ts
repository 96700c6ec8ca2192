/**
 * A site with the demo custom segments and simulated history, as `intently demo`, the dashboard
 * tests and `bench dashboard` want it. `ensureDemoSite` is idempotent: the workspace, site and
 * each segment are created only when missing; `loadDemoHistory` adds simulated sessions.
 */
import { DuckDbStore, type NewSite, type Store } from "@intently/store";
import { DEMO_SEGMENTS, type IngestResult, ingestSimulation } from "./ingest.ts";

const DAY_MS = 86_400_000;

export interface DemoSiteOptions {
  site: NewSite;
  workspaceName: string;
  /** Author of the demo segments' first version. */
  author: string;
}

export async function ensureDemoSite(store: Store, o: DemoSiteOptions): Promise<void> {
  const cfg = store.config;
  const { site } = o;
  if (!(await cfg.getWorkspace(site.workspaceId)))
    await cfg.createWorkspace({ id: site.workspaceId, name: o.workspaceName });
  if (!(await cfg.getSite(site.id))) await cfg.createSite(site);
  for (const def of DEMO_SEGMENTS) {
    if (await cfg.getSegment(site.id, def.id)) continue;
    await cfg.saveSegment({
      site: site.id,
      id: def.id,
      definition: def,
      author: o.author,
      status: def.status,
    });
  }
}

export interface DemoHistoryOptions {
  sessions: number;
  seed: number;
  /** Whole UTC days ending today. */
  days: number;
  onProgress?: (endedSessions: number) => void;
}

/** Simulated sessions of the site (demo segments evaluated, no raw events), flushed. */
export async function loadDemoHistory(
  store: Store,
  site: string,
  h: DemoHistoryOptions,
): Promise<IngestResult> {
  const result = await ingestSimulation({
    store,
    sessions: h.sessions,
    seed: h.seed,
    days: h.days,
    start: Math.floor((Date.now() - h.days * DAY_MS) / DAY_MS) * DAY_MS,
    site,
    segments: DEMO_SEGMENTS,
    events: false,
    ...(h.onProgress ? { onProgress: h.onProgress } : {}),
  });
  await store.flush();
  return result;
}

export interface DemoFolderOptions extends DemoSiteOptions {
  history: DemoHistoryOptions;
  /** Runs once the site exists, before the history is loaded (e.g. to add an admin). */
  prepare?: (store: Store) => Promise<unknown>;
  /** Compacts the aggregate tables at the end (a large history). */
  compact?: boolean;
}

/**
 * A data folder holding the demo site and its history, as the dashboard's browser tests and
 * `bench dashboard` start from: opens (or creates) the store in `dir`, writes, closes.
 * Returns the number of sessions stored.
 */
export async function writeDemoFolder(dir: string, o: DemoFolderOptions): Promise<number> {
  const store = await DuckDbStore.open(dir);
  try {
    await ensureDemoSite(store, o);
    await o.prepare?.(store);
    await loadDemoHistory(store, o.site.id, o.history);
    if (o.compact) await store.compact();
    return (await store.stats()).sessions;
  } finally {
    await store.close();
  }
}
