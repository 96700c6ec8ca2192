/**
 * `bench tag-cost`: what a tag costs a shopper's (throttled) browser on one scripted visit, side
 * by side in one run — no tag (the baseline), Intently and peer tags from npm — with medians and
 * spread over `runs` visits per variant. Variants alternate within each run (the machine's
 * drift hits all alike); every visit starts from a fresh browser context (empty cache).
 * Figures per visit minus the same run's baseline, and ratios against the lightest peer (the
 * peer with the least script time added).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser } from "../dashboard/browser.ts";
import { noProgress, type ProgressOf, round, type Spread, spreadOf } from "../runner.ts";
import { TagCostServer } from "./server.ts";
import { gzipBytes, loadVariants, type Variant, type VariantName } from "./tags.ts";
import { type VisitFigures, visit } from "./visit.ts";

export interface TagCostOptions {
  runs: number;
  /** Chromium's CPU slowdown (4 = a mid-range phone). */
  cpuThrottle: number;
  /** DOM elements per page (about). */
  nodes: number;
  /** Write a CPU profile of one extra Intently visit here (.cpuprofile, for DevTools). */
  cpuProfile?: string;
  progress?: ProgressOf;
}

/** Figures of one visit, as reported (ms, MB, counts). */
const FIGURES = [
  "scriptMs",
  "taskMs",
  "tbtMs",
  "longTasks",
  "tagLongScripts",
  "tagLongFrameMs",
  "heapMB",
  "sinkRequests",
  "sinkBytes",
  "blockedRequests",
] as const;
type Figure = (typeof FIGURES)[number];
/** The figures reported minus the baseline. */
const ADDED = ["scriptMs", "taskMs", "tbtMs", "longTasks", "heapMB"] as const;
type Row = Record<Figure, number>;

export interface TagCostVariant {
  label: string;
  /** gzip (level 9) bytes of the tag's files. */
  transferGzipBytes: number;
  perVisit: Record<Figure, Spread>;
  /** Per visit minus the same run's no-tag baseline. */
  added: Record<(typeof ADDED)[number], Spread>;
  /** Mean ms per visit of the tag's scripts in long frames, by file and invoker (forced layout). */
  tagLongBy: Record<string, { ms: number; layoutMs: number }>;
}

export interface TagCostResult {
  setup: { runs: number; cpuThrottle: number; nodes: number; clicks: number; browser: string };
  variants: Record<VariantName, TagCostVariant>;
  lightestPeer: VariantName;
  /** Each tag's medians over the lightest peer's (script time, TBT, heap added; transfer). */
  ratios: Record<string, Record<"scriptMs" | "tbtMs" | "heapMB" | "transferGzipBytes", number>>;
}

const PEERS: VariantName[] = ["plausible", "clarity"];

function row(f: VisitFigures, sink: { requests: number; bytes: number }): Row {
  return {
    scriptMs: f.scriptMs,
    taskMs: f.taskMs,
    tbtMs: f.tbtMs,
    longTasks: f.longTasks,
    tagLongScripts: f.tagLongScripts,
    tagLongFrameMs: f.tagLongFrameMs,
    heapMB: f.heapBytes / 2 ** 20,
    sinkRequests: sink.requests,
    sinkBytes: sink.bytes,
    blockedRequests: f.blockedRequests,
  };
}

const rounded = (s: Spread, d = 2): Spread => ({
  median: round(s.median, d),
  min: round(s.min, d),
  max: round(s.max, d),
  spread: round(s.spread, 2),
});

const ratio = (a: number, b: number): number => (b > 0 ? round(a / b, 2) : Number.NaN);

export async function benchTagCost(o: TagCostOptions): Promise<TagCostResult> {
  const dir = await mkdtemp(join(tmpdir(), "intently-tag-cost-"));
  const variants = await loadVariants(dir);
  const server = await new TagCostServer(variants, o.nodes).start();
  const browser = await launchBrowser();
  const rows = new Map<VariantName, Row[]>(variants.map((v) => [v.name, []]));
  const longBy = new Map<VariantName, VisitFigures["tagLongBy"]>();
  const visitOf = async (v: Variant, profile = false) => {
    server.take(v);
    const r = await visit(browser, server.listUrl(v), { cpuThrottle: o.cpuThrottle, profile });
    // Beacons sent at the last tab switch may land just after the visit ends.
    await new Promise((r) => setTimeout(r, 300));
    return { ...r, sink: server.take(v) };
  };
  try {
    const progress = (o.progress ?? noProgress)("tag-cost visits");
    for (let run = 0; run < o.runs; run++) {
      for (const [i, v] of variants.entries()) {
        const r = await visitOf(v);
        rows.get(v.name)?.push(row(r.figures, r.sink));
        const sum = longBy.get(v.name) ?? {};
        for (const [k, x] of Object.entries(r.figures.tagLongBy)) {
          const y = sum[k] ?? { ms: 0, layoutMs: 0 };
          sum[k] = { ms: y.ms + x.ms / o.runs, layoutMs: y.layoutMs + x.layoutMs / o.runs };
        }
        longBy.set(v.name, sum);
        progress.tick(run * variants.length + i + 1, o.runs * variants.length);
      }
    }
    progress.done();
    const intently = variants.find((v) => v.name === "intently");
    if (o.cpuProfile && intently) {
      const r = await visitOf(intently, true);
      if (r.profile) await writeFile(o.cpuProfile, r.profile);
    }
    const base = rows.get("none") ?? [];
    const out = {} as Record<VariantName, TagCostVariant>;
    for (const v of variants) {
      const rs = rows.get(v.name) ?? [];
      const perVisit = {} as Record<Figure, Spread>;
      for (const f of FIGURES) perVisit[f] = rounded(spreadOf(rs.map((r) => r[f])), 3);
      const added = {} as TagCostVariant["added"];
      for (const f of ADDED) {
        added[f] = rounded(spreadOf(rs.map((r, i) => r[f] - (base[i]?.[f] ?? 0))), 3);
      }
      const tagLongBy = Object.fromEntries(
        Object.entries(longBy.get(v.name) ?? {})
          .sort((a, b) => b[1].ms - a[1].ms)
          .map(([k, x]) => [k, { ms: round(x.ms, 1), layoutMs: round(x.layoutMs, 1) }]),
      );
      out[v.name] = { label: v.label, transferGzipBytes: gzipBytes(v), perVisit, added, tagLongBy };
    }
    const lightestPeer = PEERS.reduce((a, b) =>
      out[b].added.scriptMs.median < out[a].added.scriptMs.median ? b : a,
    );
    const light = out[lightestPeer];
    const ratios: TagCostResult["ratios"] = {};
    for (const name of ["intently", ...PEERS] as VariantName[]) {
      const x = out[name];
      ratios[name] = {
        scriptMs: ratio(x.added.scriptMs.median, light.added.scriptMs.median),
        tbtMs: ratio(x.added.tbtMs.median, light.added.tbtMs.median),
        heapMB: ratio(x.added.heapMB.median, light.added.heapMB.median),
        transferGzipBytes: ratio(x.transferGzipBytes, light.transferGzipBytes),
      };
    }
    return {
      setup: {
        runs: o.runs,
        cpuThrottle: o.cpuThrottle,
        nodes: o.nodes,
        clicks: 20,
        browser: `Chromium ${browser.version()}`,
      },
      variants: out,
      lightestPeer,
      ratios,
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
