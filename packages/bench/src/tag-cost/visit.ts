/**
 * One scripted shopper visit in Chromium, CPU throttled through the DevTools protocol
 * (`Emulation.setCPUThrottlingRate`): the listing page (mouse paths, scrolling, a filter click,
 * two dead clicks, a rage burst on a sold-out button, the tab hidden and shown) then the product
 * page (mouse path, scrolling, two thumbnails, three dead clicks, a rage burst on a disabled "+",
 * add to cart, the tab hidden and shown after the tags' flush window): 20 clicks in all, bounded
 * in time. Every request to anything but loopback is aborted (and counted).
 *
 * What is measured, per page, summed over the visit: the renderer's script and task time
 * (Performance.getMetrics, read as each page is left: its counters restart per document), long tasks and total blocking time (PerformanceObserver `longtask`),
 * scripts in long animation frames by source URL (`long-animation-frame`: how long tasks are
 * attributed to a tag), and the JS heap used at the end after a full collection.
 */
import type { Browser, CDPSession, Page } from "playwright-core";

export interface VisitFigures {
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  tbtMs: number;
  /** Scripts from the tag's files (URL under /tags/) in long frames, ≥ 50 ms each. */
  tagLongScripts: number;
  /** Time of the tag's scripts inside long animation frames. */
  tagLongFrameMs: number;
  heapBytes: number;
  blockedRequests: number;
  /** The tag's time in long frames by invoker (e.g. `DOMWindow.onscroll`), with forced layout. */
  tagLongBy: Record<string, { ms: number; layoutMs: number }>;
}

export interface VisitOptions {
  cpuThrottle: number;
  /** Collect a V8 CPU profile of the whole visit (returned as JSON text). */
  profile?: boolean;
  timeoutMs?: number;
}

// Page scripts are strings: tsx would wrap inner functions in a `__name` helper the page lacks.
const OBSERVE = `(() => {
  const w = window; w.__lt = { tasks: [], scripts: [] };
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__lt.tasks.push(e.duration); })
    .observe({ type: "longtask", buffered: true }); } catch (e) {}
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) for (const s of e.scripts || [])
    w.__lt.scripts.push([s.sourceURL || "", s.duration, s.invoker || "", s.forcedStyleAndLayoutDuration || 0]); })
    .observe({ type: "long-animation-frame", buffered: true }); } catch (e) {}
})()`;

/** Hides (true) or shows the tab: visibilityState and a visibilitychange, as a tab switch does. */
const visibility = (hidden: boolean): string => `(() => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => ${hidden ? '"hidden"' : '"visible"'} });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => ${hidden} });
  document.dispatchEvent(new Event("visibilitychange"));
})()`;

interface PageFigures {
  tasks: number[];
  /** Long animation frames' scripts: [URL, ms, invoker, ms of forced style and layout]. */
  scripts: [string, number, string, number][];
  /** Performance.getMetrics when the page was left (the renderer's counters restart per document). */
  m: Record<string, number>;
}

const pause = (page: Page, ms: number) => page.waitForTimeout(ms);

async function mousePath(page: Page, points: [number, number][]): Promise<void> {
  for (const [x, y] of points) await page.mouse.move(x, y, { steps: 20 });
}

async function scroll(page: Page, steps: number, dy: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, dy);
    await pause(page, 120);
  }
}

/** `count` clicks at the centre of `selector` with the real mouse (a burst when > 1). */
async function click(page: Page, selector: string, count = 1): Promise<void> {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  if (!box) throw new Error(`tag-cost visit: no box for ${selector}`);
  for (let i = 0; i < count; i++) {
    await page.mouse.click(box.x + box.width / 2 + i, box.y + box.height / 2);
  }
  await pause(page, count > 1 ? 400 : 250);
}

async function tabSwitch(page: Page): Promise<void> {
  await page.evaluate(visibility(true));
  await pause(page, 300);
  await page.evaluate(visibility(false));
}

async function readPage(page: Page, cdp: CDPSession): Promise<PageFigures> {
  const lt = (await page.evaluate("window.__lt")) as Omit<PageFigures, "m">;
  return { ...lt, m: await metrics(cdp) };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: m } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

async function script(page: Page, cdp: CDPSession, listUrl: string): Promise<PageFigures[]> {
  await page.goto(listUrl, { waitUntil: "load" });
  await pause(page, 1000);
  await mousePath(page, [
    [100, 100],
    [700, 300],
    [300, 600],
    [900, 200],
  ]);
  await scroll(page, 8, 400);
  await mousePath(page, [
    [200, 400],
    [800, 500],
    [400, 300],
  ]);
  await click(page, "#filter");
  await click(page, ".card:nth-child(3) .d");
  await click(page, ".card:nth-child(5) .img");
  await click(page, "#soldout", 5);
  await tabSwitch(page);
  const first = await readPage(page, cdp);
  await click(page, "#to-product");
  await page.waitForURL(/\/product$/, { waitUntil: "load" });
  await pause(page, 800);
  await mousePath(page, [
    [120, 140],
    [640, 420],
    [980, 260],
  ]);
  await scroll(page, 6, 350);
  await click(page, ".thumb:nth-child(1)");
  await click(page, ".thumb:nth-child(2)");
  await click(page, "#desc");
  await click(page, "#hero h1");
  await click(page, ".card:nth-child(2) .price");
  await click(page, "#plus", 5);
  await click(page, "#add");
  // Past the tags' flush windows (Intently's is 3 s), then a tab switch sends what is left.
  await pause(page, 3500);
  await tabSwitch(page);
  await pause(page, 500);
  const second = await readPage(page, cdp);
  return [first, second];
}

function by(scripts: PageFigures["scripts"]): VisitFigures["tagLongBy"] {
  const out: VisitFigures["tagLongBy"] = {};
  const file = (u: string) => u.replace(/^.*\/tags\/[^/]+\//, "").replace(/\?.*$/, "");
  for (const [url, ms, invoker, layoutMs] of scripts) {
    // A script's own evaluation has its URL as the invoker.
    const k = `${file(url)} ${invoker.includes("/tags/") ? "(evaluation)" : invoker}`;
    const x = out[k] ?? { ms: 0, layoutMs: 0 };
    x.ms += ms;
    x.layoutMs += layoutMs;
    out[k] = x;
  }
  return out;
}

export async function visit(
  browser: Browser,
  listUrl: string,
  o: VisitOptions,
): Promise<{ figures: VisitFigures; profile?: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let blocked = 0;
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1") return route.continue();
    blocked++;
    return route.abort("blockedbyclient");
  });
  await context.addInitScript({ content: OBSERVE });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: o.cpuThrottle });
    if (o.profile) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    const timeout = o.timeoutMs ?? 180_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const pages = await Promise.race([
      script(page, cdp, listUrl),
      new Promise<never>((_, rej) => {
        timer = setTimeout(() => rej(new Error(`tag-cost visit over ${timeout} ms`)), timeout);
      }),
    ]).finally(() => clearTimeout(timer));
    const profile = o.profile
      ? JSON.stringify((await cdp.send("Profiler.stop")).profile)
      : undefined;
    await cdp.send("HeapProfiler.collectGarbage");
    const heap = (await metrics(cdp)).JSHeapUsedSize ?? 0;
    const sum = (k: string) => pages.reduce((s, p) => s + (p.m[k] ?? 0), 0) * 1000;
    const tasks = pages.flatMap((p) => p.tasks);
    const tagScripts = pages.flatMap((p) => p.scripts).filter(([u]) => u.includes("/tags/"));
    const figures: VisitFigures = {
      scriptMs: sum("ScriptDuration"),
      taskMs: sum("TaskDuration"),
      longTasks: tasks.length,
      tbtMs: tasks.reduce((s, d) => s + Math.max(0, d - 50), 0),
      tagLongScripts: tagScripts.filter(([, d]) => d >= 50).length,
      tagLongFrameMs: tagScripts.reduce((s, [, d]) => s + d, 0),
      heapBytes: heap,
      tagLongBy: by(tagScripts),
      blockedRequests: blocked,
    };
    return { figures, profile };
  } finally {
    await context.close();
  }
}
