/**
 * `bench report`: load N simulated sessions into a fresh DuckDB store, then time the reports.
 * What is loaded: the simulator's sessions run through the engine and the recorder — session
 * rows, segment intervals and page-view rollups; raw events are not stored unless
 * `events: true` (they are still generated and processed). Each report runs once to warm up,
 * then `runs` times; figures are medians with min/max.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DEMO_SEGMENTS, ingestSimulation } from "@intently/demo-data";
import {
  DuckDbStore,
  ipsReport,
  measuredOverlap,
  type Period,
  segmentLibrary,
  segmentReport,
} from "@intently/store";
import { round, spreadOf, timeRounds } from "./runner.ts";

export interface BenchReportOptions {
  sessions: number;
  seed: number;
  /** A folder in which a fresh data folder is made (and removed unless `keep`). */
  dir: string;
  /** Simulated days (default 30). */
  days?: number;
  runs?: number;
  events?: boolean;
  keep?: boolean;
  onProgress?: (endedSessions: number, events: number) => void;
}

export interface Spread {
  min: number;
  max: number;
}

export interface BenchReportResult {
  sessions: number;
  events: number;
  intervals: number;
  loaded: string;
  loadSec: number;
  ipsMs: number;
  libraryMs: number;
  segmentReportMs: number;
  overlapMs: number;
  spread: { ipsMs: Spread; libraryMs: Spread; segmentReportMs: Spread; overlapMs: Spread };
  runs: number;
  segment: string;
  overlap: [string, string];
  dataFolder: string | null;
}

/** The segment whose report is timed, and the pair whose overlap is. */
const REPORT_SEGMENT = "focused-explorers";
const OVERLAP_PAIR: [string, string] = ["mobile-shoppers", "high-value-carts"];

async function time(runs: number, fn: () => Promise<unknown>): Promise<[number, Spread]> {
  // One warm-up run: first touch of columns, plan caches.
  const s = spreadOf(await timeRounds(runs, fn, 1));
  return [round(s.median), { min: round(s.min), max: round(s.max) }];
}

export async function benchReport(opts: BenchReportOptions): Promise<BenchReportResult> {
  const folder = mkdtempSync(join(opts.dir, "intently-bench-"));
  const store = await DuckDbStore.open(folder);
  try {
    const t0 = performance.now();
    const ingest = await ingestSimulation({
      sessions: opts.sessions,
      seed: opts.seed,
      days: opts.days ?? 30,
      store,
      events: opts.events ?? false,
      segments: DEMO_SEGMENTS,
      onProgress: opts.onProgress,
    });
    const loadSec = round((performance.now() - t0) / 1000);
    const stats = await store.stats();
    const site = "demo";
    const p: Period = { site, from: ingest.from, to: ingest.to + 1 };
    const runs = opts.runs ?? 7;
    const [ipsMs, ipsS] = await time(runs, () => ipsReport(store, p));
    const [libraryMs, libS] = await time(runs, () => segmentLibrary(store, { site, to: p.to }));
    const [segmentReportMs, segS] = await time(runs, () =>
      segmentReport(store, { ...p, segment: REPORT_SEGMENT }),
    );
    const [overlapMs, ovS] = await time(runs, () =>
      measuredOverlap(store, { ...p, a: OVERLAP_PAIR[0], b: OVERLAP_PAIR[1] }),
    );
    return {
      sessions: stats.sessions,
      events: ingest.events,
      intervals: stats.intervals,
      loaded: opts.events
        ? "events, sessions, intervals, page-view rollups"
        : "sessions, intervals, page-view rollups (events processed by the engine, not stored)",
      loadSec,
      ipsMs,
      libraryMs,
      segmentReportMs,
      overlapMs,
      spread: { ipsMs: ipsS, libraryMs: libS, segmentReportMs: segS, overlapMs: ovS },
      runs,
      segment: REPORT_SEGMENT,
      overlap: OVERLAP_PAIR,
      dataFolder: opts.keep ? folder : null,
    };
  } finally {
    await store.close();
    if (!opts.keep) rmSync(folder, { recursive: true, force: true });
  }
}
