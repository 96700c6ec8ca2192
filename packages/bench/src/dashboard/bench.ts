/**
 * `intently bench dashboard`: the overview's first load with N sessions in the store (target:
 * ≤ 1 s on loopback with 1,000,000). The real server (`startServer`, default plugins with the
 * dashboard) runs on a cached data folder (data.ts); Chromium signs in through the
 * form, then each round loads the overview cold (browser cache emptied) and warm (reload), and
 * does the same against the raw ceiling (ceiling.ts: the same page with the API
 * answers cached), alternating which side goes first. Figures are medians with min/max over
 * the rounds; `ratio` = real / ceiling; `apiMs` times the overview's API calls from Node.
 */
import { request } from "node:http";
import { DEFAULT_PLUGINS, type RunningServer, startServer } from "@intently/server";
import { round, spreadOf } from "../runner.ts";
import type { LoadMarks } from "./browser.ts";
import { type Ceiling, startCeiling } from "./ceiling.ts";
import { BENCH_ADMIN, BENCH_SITE, benchData } from "./data.ts";

export const TARGET_MS = 1000;
const DAY = 86_400_000;

export interface DashboardBenchOptions {
  sessions: number;
  days: number;
  rounds: number;
  seed: number;
  /** Folder of the cached data folders (default node_modules/.cache/intently-bench). */
  cacheRoot?: string;
  onProgress?: (ended: number) => void;
}

interface Figure {
  p50ms: number;
  min: number;
  max: number;
}

const figure = (xs: number[]): Figure => {
  const s = spreadOf(xs);
  return { p50ms: round(s.median, 1), min: round(s.min, 1), max: round(s.max, 1) };
};
const p50 = (xs: number[]) => round(spreadOf(xs).median, 1);

/** Median of every milestone over the loads. */
function breakdown(loads: LoadMarks[]): Record<keyof LoadMarks, number> {
  const keys = Object.keys(loads[0]!) as (keyof LoadMarks)[];
  return Object.fromEntries(keys.map((k) => [k, p50(loads.map((l) => l[k]))])) as Record<
    keyof LoadMarks,
    number
  >;
}

/** Bytes of a GET's body as sent (compressed when `encoding` is accepted). */
function bytesOf(url: string, encoding: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": encoding, cookie } }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => {
        n += c.length;
      });
      res.on("end", () => resolve(n));
    });
    req.on("error", reject);
    req.end();
  });
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

/**
 * The overview's API calls timed from Node, one at a time: the trend as the overview asks it
 * (one request for 14 days) and as it used to (one IPS report per day, 14 at once).
 */
async function timeApi(url: string, cookie: string, runs: number) {
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    await res.arrayBuffer();
  };
  const site = `/api/sites/${BENCH_SITE.id}`;
  const now = Math.ceil(Date.now() / 60_000) * 60_000;
  const today = Math.floor(now / DAY) * DAY;
  const calls: Record<string, () => Promise<unknown>> = {
    me: () => get("/api/me"),
    sites: () => get(`/api/workspaces/${BENCH_SITE.workspaceId}/sites`),
    ips7d: () => get(`${site}/reports/ips?from=${today - 6 * DAY}&to=${now}`),
    ipsDay: () => get(`${site}/reports/ips?from=${today - DAY}&to=${today}`),
    trend: () => get(`${site}/reports/ips/trend?from=${today - 13 * DAY}&to=${now}`),
    trendPerDay14: () =>
      Promise.all(
        Array.from({ length: 14 }, (_, i) => {
          const d = today - (13 - i) * DAY;
          return get(`${site}/reports/ips?from=${d}&to=${d + DAY}`);
        }),
      ),
  };
  const out: Record<string, number> = {};
  for (const [name, call] of Object.entries(calls)) {
    await call();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await call();
      ms.push(performance.now() - t0);
    }
    out[name] = p50(ms);
  }
  return out;
}

async function bundleOf(url: string, cookie: string) {
  const html = await (await fetch(`${url}/app`, { headers: { cookie } })).text();
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  const style = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
  if (!script) throw new Error("no script in the dashboard's index.html");
  return {
    scriptBytes: await bytesOf(`${url}${script}`, "identity", cookie),
    scriptBrotliBytes: await bytesOf(`${url}${script}`, "br", cookie),
    styleBrotliBytes: style ? await bytesOf(`${url}${style}`, "br", cookie) : 0,
  };
}

export async function benchDashboard(o: DashboardBenchOptions) {
  const data = await benchData({
    sessions: o.sessions,
    days: o.days,
    seed: o.seed,
    ...(o.cacheRoot ? { root: o.cacheRoot } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  let server: RunningServer | null = null;
  let ceiling: Ceiling | null = null;
  // Loaded here, not at start-up: every other command would pay for playwright-core.
  const { clearCache, launchBrowser, measureLoad, signedInPage } = await import("./browser.ts");
  const browser = await launchBrowser();
  try {
    server = await startServer({ dataDir: data.dir, host: "127.0.0.1", port: 0 }, DEFAULT_PLUGINS);
    ceiling = await startCeiling(server.url);
    const real = { cold: [] as LoadMarks[], warm: [] as LoadMarks[] };
    const raw = { cold: [] as LoadMarks[], warm: [] as LoadMarks[] };
    // Warm-up, not counted: the server's first queries, and the ceiling's cache filled.
    const first = await signedInPage(browser, server.url);
    await measureLoad(first, ceiling.url);
    await first.context().close();
    for (let i = 0; i < o.rounds; i++) {
      const page = await signedInPage(browser, server.url);
      const sides: [typeof real, string][] = [
        [real, server.url],
        [raw, ceiling.url],
      ];
      if (i % 2 === 1) sides.reverse();
      for (const [side, url] of sides) {
        await clearCache(page);
        side.cold.push(await measureLoad(page, url));
        side.warm.push(await measureLoad(page, null));
      }
      await page.context().close();
    }
    const cookie = await signIn(server.url);
    const apiMs = await timeApi(server.url, cookie, Math.max(10, o.rounds * 4));
    const ms = (loads: LoadMarks[]) => figure(loads.map((l) => l.readyMs));
    const cold = ms(real.cold);
    const warm = ms(real.warm);
    const ceil = { cold: ms(raw.cold), warm: ms(raw.warm) };
    return {
      sessions: data.sessions,
      days: o.days,
      rounds: o.rounds,
      cold,
      warm,
      ceiling: ceil,
      ratio: {
        cold: round(cold.p50ms / ceil.cold.p50ms, 2),
        warm: round(warm.p50ms / ceil.warm.p50ms, 2),
      },
      // API requests of one overview load, until the network is idle (median over the rounds).
      requests: {
        cold: p50(real.cold.map((l) => l.apiRequestsTotal)),
        warm: p50(real.warm.map((l) => l.apiRequestsTotal)),
      },
      apiMs,
      breakdown: {
        cold: breakdown(real.cold),
        warm: breakdown(real.warm),
        ceilingCold: breakdown(raw.cold),
      },
      bundle: await bundleOf(server.url, cookie),
      targetMs: TARGET_MS,
      withinTarget: cold.p50ms <= TARGET_MS,
      data: { dir: data.dir, cached: data.cached, buildSec: round(data.buildSec, 1) },
    };
  } finally {
    await browser.close();
    await ceiling?.close();
    await server?.close();
  }
}
