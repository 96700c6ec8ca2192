/**
 * What the soak samples inside the server process, per window (the time since the last sample):
 * memory (RSS, heap used, heap used after the last major GC), event-loop delay, GC pauses, CPU
 * and live sessions. Nothing here forces a collection while load runs:
 *
 * - heap after GC: a PerformanceObserver on 'gc' entries reads `v8.getHeapStatistics()` when a
 *   major (mark-compact) collection is reported. Entries are delivered shortly after the pause,
 *   so a little allocation since then is included; with no major GC in a window the previous
 *   figure is kept and its age says so. A forced full GC (`settle`) would stall a 500 MB heap for
 *   hundreds of ms and show up in the very loop delay measured, so it runs only before and after
 *   the load;
 * - event-loop delay: `monitorEventLoopDelay` (10 ms resolution), reset every window; the
 *   histogram records each timer interval, so the resolution is subtracted: 0 = on time.
 */
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { gcFunction } from "../runner.ts";

const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

export interface ServerSample {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** ArrayBuffer backing stores (off the V8 heap: the engine's Float64Arrays, buffers). */
  arrayBuffersBytes: number;
  /** Heap used right after the last major GC; null before the first one. */
  heapAfterGcBytes: number | null;
  /** Seconds since that GC. */
  heapAfterGcAgeSec: number | null;
  /** That GC was the bench's forced one (`settle`), not one the server's own work caused. */
  heapAfterGcForced: boolean;
  majorGcs: number;
  gcPauseMs: number;
  gcPauseMaxMs: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** CPU of every thread of the server over the window, in % of one core. */
  cpuPct: number;
  liveSessions: number;
  /** Store rows queued and not yet written. */
  storePendingRows: number;
}

export interface SettledMemory {
  /** Heap used after forced full collections. */
  heapUsedBytes: number;
  arrayBuffersBytes: number;
  rssBytes: number;
  liveSessions: number;
}

export interface SamplerSources {
  liveSessions(): number;
  storePendingRows(): number;
}

export class Sampler {
  private readonly loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly gcObserver: PerformanceObserver;
  private lastMajor: { heapUsed: number; at: number; forced: boolean } | null = null;
  private majorGcs = 0;
  private gcPauseMs = 0;
  private gcPauseMaxMs = 0;
  private cpu = process.cpuUsage();
  private at = performance.now();

  constructor(private readonly sources: SamplerSources) {
    this.loop.enable();
    this.gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        this.gcPauseMs += e.duration;
        this.gcPauseMaxMs = Math.max(this.gcPauseMaxMs, e.duration);
        const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
          this.majorGcs++;
          const heapUsed = getHeapStatistics().used_heap_size;
          this.lastMajor = { heapUsed, at: performance.now(), forced: false };
        }
      }
    });
    this.gcObserver.observe({ entryTypes: ["gc"] });
  }

  /** The window since the last sample (or the start), then a new window begins. */
  sample(): ServerSample {
    const now = performance.now();
    const cpu = process.cpuUsage(this.cpu);
    const elapsedMs = Math.max(1, now - this.at);
    const delay = (ns: number) => Math.max(0, ns / NS_PER_MS - RESOLUTION_MS);
    const m = process.memoryUsage();
    const s: ServerSample = {
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      heapTotalBytes: m.heapTotal,
      arrayBuffersBytes: m.arrayBuffers,
      heapAfterGcBytes: this.lastMajor?.heapUsed ?? null,
      heapAfterGcAgeSec: this.lastMajor ? (now - this.lastMajor.at) / 1000 : null,
      heapAfterGcForced: this.lastMajor?.forced ?? false,
      majorGcs: this.majorGcs,
      gcPauseMs: this.gcPauseMs,
      gcPauseMaxMs: this.gcPauseMaxMs,
      loopP50Ms: this.loop.count > 0 ? delay(this.loop.percentile(50)) : 0,
      loopP99Ms: this.loop.count > 0 ? delay(this.loop.percentile(99)) : 0,
      loopMaxMs: this.loop.count > 0 ? delay(this.loop.max) : 0,
      cpuPct: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
      liveSessions: this.sources.liveSessions(),
      storePendingRows: this.sources.storePendingRows(),
    };
    this.loop.reset();
    this.majorGcs = 0;
    this.gcPauseMs = 0;
    this.gcPauseMaxMs = 0;
    this.cpu = process.cpuUsage();
    this.at = now;
    return s;
  }

  /** Forced full collections, then memory: only when no load runs (before and after it). */
  async settle(): Promise<SettledMemory> {
    const gc = await gcFunction();
    for (let i = 0; i < 4; i++) gc();
    const m = process.memoryUsage();
    const settled = {
      heapUsedBytes: m.heapUsed,
      arrayBuffersBytes: m.arrayBuffers,
      rssBytes: m.rss,
      liveSessions: this.sources.liveSessions(),
    };
    // The forced pauses are not the server's: once their GC entries are in, a new window starts.
    await new Promise((r) => setTimeout(r, 50));
    if (this.lastMajor) this.lastMajor.forced = true;
    this.sample();
    return settled;
  }

  close(): void {
    this.loop.disable();
    this.gcObserver.disconnect();
  }
}
