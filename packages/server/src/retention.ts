/**
 * Data retention on a schedule (docs/privacy.md#retention): shortly after start, then every
 * `retentionEveryMs` (server config), each site's data older than its `retentionDays` setting is
 * deleted with
 * `store.deleteBefore` — events, sessions, intervals, page rollups and the aggregates they fed,
 * the site's integration outbox messages of sessions that started before the cutoff (dead
 * letters included), and — the same cutoff everywhere (issue 22) — the site's batches in the
 * collector log and its export files (the `beyond` hook, given by the plugin). Each run logs one line of
 * counts; a site that fails is logged and skipped, the others go on, and the server never sees
 * the error. Timers are unref'd; `stop()` (on close) waits for a run in progress.
 */

import { pruneExports } from "@intently/integrations";
import { type DeletedCounts, retentionCutoff, type Site, type Store } from "@intently/store";
import type { FastifyInstance } from "fastify";
import { collectorOf } from "./collector/index.ts";
import { DEFAULT_RETENTION_EVERY_MS } from "./config.ts";
import type { Plugin } from "./context.ts";

/** The first run waits this long, so start-up work (recovery, builds) goes first. */
export const RETENTION_FIRST_RUN_MS = 60_000;

export interface RetentionOptions {
  /** Period between runs (0: never run). */
  everyMs: number;
  /** Delay of the first run after start. */
  firstRunMs: number;
  clock: () => number;
  /** The line each run logs (default stdout). */
  log: (line: string) => void;
  /** Failures (default stderr). */
  warn: (line: string) => void;
  /** Retention of the copies outside the store (collector log, export files). */
  beyond?: BeyondStore;
  /**
   * How often a compaction asked for by an erasure or a retention run is carried out, so that
   * deleted values leave the store file's freed blocks within this bound (0: only at start).
   */
  compactEveryMs: number;
}

/** Erased and expired values leave the store's file within this (docs/privacy.md). */
export const COMPACT_EVERY_MS = 3_600_000;

/** What retention removed for a site: the store's counts, log batches and export files. */
export type Removed = DeletedCounts & { logBatches: number; exportFiles: number };

/** Retention outside the store, for a run's cutoffs by site: what went, by site. */
export type BeyondStore = (
  cutoffs: ReadonlyMap<string, number>,
) => Promise<Map<string, { logBatches: number; exportFiles: number }>>;

export interface RetentionRun {
  at: number;
  /** What went, by site (sites that failed are absent). */
  removed: Record<string, Removed>;
  /** Error message by site. */
  failed: Record<string, string>;
}

const COUNTS: (keyof Removed)[] = [
  "events",
  "sessions",
  "intervals",
  "pageViews",
  "outbox",
  "logBatches",
  "exportFiles",
];

function countsText(c: Removed): string {
  return COUNTS.map((k) => `${k}=${c[k]}`).join(" ");
}

/** One line: totals, then the sites that lost something, then the ones that failed. */
export function retentionLine(run: RetentionRun, sites: number, ms: number): string {
  const total = Object.fromEntries(COUNTS.map((k) => [k, 0])) as unknown as Removed;
  const bySite: string[] = [];
  for (const [site, c] of Object.entries(run.removed)) {
    for (const k of COUNTS) total[k] += c[k];
    if (COUNTS.some((k) => c[k] > 0)) bySite.push(`${site}: ${countsText(c)}`);
  }
  const failed = Object.keys(run.failed);
  return (
    `retention: ${sites} site(s) in ${ms} ms, removed ${countsText(total)}` +
    (bySite.length ? ` (${bySite.join("; ")})` : "") +
    (failed.length ? `; failed: ${failed.join(", ")}` : "")
  );
}

export class RetentionJob {
  readonly options: RetentionOptions;
  private timer: NodeJS.Timeout | null = null;
  private compactTimer: NodeJS.Timeout | null = null;
  private compacting: Promise<boolean> | null = null;
  private running: Promise<RetentionRun> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    options: Partial<RetentionOptions> = {},
  ) {
    this.options = {
      everyMs: DEFAULT_RETENTION_EVERY_MS,
      firstRunMs: RETENTION_FIRST_RUN_MS,
      clock: Date.now,
      log: (line) => process.stdout.write(`${line}\n`),
      warn: (line) => process.stderr.write(`${line}\n`),
      compactEveryMs: COMPACT_EVERY_MS,
      ...options,
    };
  }

  start(): void {
    if (this.options.everyMs > 0 && !this.stopped && !this.timer)
      this.schedule(this.options.firstRunMs);
    if (this.options.compactEveryMs > 0 && !this.stopped && !this.compactTimer)
      this.scheduleCompaction();
  }

  /** Carries out a compaction asked for (erasure, retention); whether one ran. */
  compact(): Promise<boolean> {
    this.compacting ??= (async () => {
      const t0 = Date.now();
      try {
        const done = await this.store.compactIfRequested();
        if (done) this.report("log", `privacy: store file compacted in ${Date.now() - t0} ms`);
        return done;
      } catch (e) {
        this.report("warn", `privacy: compaction failed: ${(e as Error).message}`);
        return false;
      } finally {
        this.compacting = null;
      }
    })();
    return this.compacting;
  }

  private scheduleCompaction(): void {
    this.compactTimer = setTimeout(() => {
      void this.compact().finally(() => {
        if (!this.stopped) this.scheduleCompaction();
      });
    }, this.options.compactEveryMs);
    this.compactTimer.unref();
  }

  /** Applies every site's retention at `now`; a run already in progress is joined. */
  run(now = this.options.clock()): Promise<RetentionRun> {
    this.running ??= this.sweep(now)
      .catch((e: Error) => {
        this.report("warn", `retention: run failed: ${e.message}`);
        return { at: now, removed: {}, failed: {} };
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** No more runs; resolves once the current one (if any) has finished its site. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.timer = null;
    this.compactTimer = null;
    await this.running;
    await this.compacting;
  }

  // A chain of timeouts rather than an interval: a slow run never overlaps the next one.
  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      void this.run().finally(() => {
        if (!this.stopped) this.schedule(this.options.everyMs);
      });
    }, ms);
    this.timer.unref();
  }

  private async sweep(now: number): Promise<RetentionRun> {
    const run: RetentionRun = { at: now, removed: {}, failed: {} };
    const started = Date.now();
    let sites: Site[];
    try {
      sites = await this.store.config.listSites();
    } catch (e) {
      this.report("warn", `retention: listing the sites failed: ${(e as Error).message}`);
      return run;
    }
    const cutoffs = new Map<string, number>();
    for (const site of sites) {
      if (this.stopped) break; // closing: the rest waits for the next start
      const cutoff = retentionCutoff(site, now);
      if (cutoff === null) continue;
      try {
        const counts = await this.store.deleteBefore(site.id, cutoff);
        run.removed[site.id] = { ...counts, logBatches: 0, exportFiles: 0 };
        cutoffs.set(site.id, cutoff);
      } catch (e) {
        run.failed[site.id] = (e as Error).message;
        this.report("warn", `retention: site ${site.id} failed: ${(e as Error).message}`);
      }
    }
    // Deleted values stay in the store file's freed blocks until it is compacted (next open).
    const rows = Object.values(run.removed).some((c) => c.events + c.sessions + c.outbox > 0);
    if (rows) this.store.requestCompaction();
    if (this.options.beyond && cutoffs.size > 0 && !this.stopped) {
      try {
        for (const [site, n] of await this.options.beyond(cutoffs)) {
          const r = run.removed[site];
          if (r) Object.assign(r, n);
        }
      } catch (e) {
        this.report("warn", `retention: log and exports failed: ${(e as Error).message}`);
      }
    }
    this.report("log", retentionLine(run, sites.length, Date.now() - started));
    return run;
  }

  /** Logging must not turn a finished run into a failed one. */
  private report(kind: "log" | "warn", line: string): void {
    try {
      this.options[kind](line);
    } catch {
      // ignored
    }
  }
}

const jobs = new WeakMap<FastifyInstance, RetentionJob>();

/** The retention job of an app (tests, operations). */
export function retentionJobOf(app: FastifyInstance): RetentionJob | undefined {
  return jobs.get(app);
}

/** Runs the retention job for the app's lifetime; the period is `config.retentionEveryMs`. */
export function retentionPlugin(options: Partial<RetentionOptions> = {}): Plugin {
  return (app, ctx) => {
    const job = new RetentionJob(ctx.store, {
      everyMs: ctx.config.retentionEveryMs ?? DEFAULT_RETENTION_EVERY_MS,
      // The server's JSON log lines (silent unless a level is configured), not bare stdout:
      // a CLI that prints JSON on stdout (`intently bench …`) must not get a retention line in it.
      log: (line) => app.log.info(line),
      warn: (line) => app.log.warn(line),
      beyond: async (cutoffs) => {
        const out = new Map<string, { logBatches: number; exportFiles: number }>();
        const log = (await collectorOf(app)?.retainLog(cutoffs)) ?? new Map<string, number>();
        for (const [site, cutoff] of cutoffs) {
          const files = await pruneExports(ctx.store, site, cutoff);
          out.set(site, { logBatches: log.get(site) ?? 0, exportFiles: files.length });
        }
        return out;
      },
      ...options,
    });
    jobs.set(app, job);
    job.start();
    // Before the store closes (the server closes it after app.close()).
    app.addHook("onClose", () => job.stop());
  };
}
