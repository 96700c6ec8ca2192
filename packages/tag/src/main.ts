/**
 * The core tag (bundled to `intently.js`). Reads the `window.intently` settings, replaces them
 * with the API (keeping the settings), starts capture once consent allows, then loads the
 * lazy modules (`intently.detectors.js`, beside this script). Exposes `intently.ready` and
 * dispatches `intently:ready` on document.
 */
import { createApi } from "./api/api.ts";
import { configure } from "./core/config.ts";
import { initialConsent } from "./core/consent.ts";
import { guard, listen, report } from "./core/guard.ts";
import { clear as clearIds, load as loadIds, rec } from "./core/ids.ts";
import { emit, start as startPipeline, stop as stopPipeline } from "./core/pipeline.ts";
import { clear as clearQueue, load as loadQueue } from "./core/queue.ts";
import { restore, snap } from "./core/state.ts";
import { start as startTransport, stop as stopTransport } from "./core/transport.ts";
import { engagement, page, view } from "./data/page.ts";
import { visibility } from "./interaction/visibility.ts";
import type { Config, Ctx, Module } from "./types.ts";

type Settings = Partial<Config> & { ready?: boolean; q?: [string, ...unknown[]][] };

/** Core modules, in start order. */
const CORE: Module[] = [page, visibility];
const LAZY_FILE = "intently.detectors.js";
/** API calls kept until the lazy module providing them has loaded. */
const EARLY_MAX = 100;
const script = document.currentScript as HTMLScriptElement | null;

function loadLazy(cfg: Config): void {
  const src = script?.src;
  const url = cfg.detectorsUrl || (src && new URL(LAZY_FILE + new URL(src).search, src).href);
  if (!url) return;
  const s = document.createElement("script");
  s.src = url;
  s.async = true;
  s.nonce = script?.nonce ?? "";
  (document.head ?? document.documentElement).appendChild(s);
}

function boot(): void {
  const w = window as unknown as { intently?: Settings };
  const settings = w.intently ?? {};
  if (settings.ready) return;
  const cfg = configure(settings);
  let on = false;
  let loading = false;
  let lazy: Module[] = [];
  let early: [string, unknown][] = [];
  const purchased = (): void => {
    rec.p = (rec.p || 0) + 1;
  };
  const ctx: Ctx = { cfg, emit, listen, guard, purchased, view, engagement, api: {} };
  const call = (name: string, x: unknown): void => {
    const f = ctx.api[name];
    if (f) guard(f)(x);
    else if (on && early.length < EARLY_MAX) early.push([name, x]);
  };
  const run = (mods: Module[]): void => {
    for (const m of mods) guard(m.start)(ctx);
    const calls = early;
    early = [];
    for (const [name, x] of calls) call(name, x);
  };
  const start = (given?: unknown): void => {
    // Batches say when the visitor consented here: the collector enforces the site's settings.
    if (given) cfg.consented = true;
    if (on) return;
    if (!cfg.site || !cfg.endpoint) {
      report("no site/endpoint");
      return;
    }
    on = true;
    loadIds();
    loadQueue();
    startPipeline(cfg, () => {
      restore();
      view();
    });
    startTransport(cfg, stop);
    run([...CORE, ...lazy]);
    restore();
    // Out of the boot task (issue 21); the detectors start after the load event anyway.
    if (cfg.lazy && !loading) setTimeout(loadLazy, 0, cfg);
    loading = true;
  };
  const stop = (): void => {
    if (on) {
      on = false;
      for (const m of [...CORE, ...lazy]) guard(m.stop)();
      stopPipeline();
      stopTransport();
    }
    ctx.api = {};
    early = [];
    clearIds();
    clearQueue();
    snap.segments = [];
    snap.persisted = [];
  };
  const api = createApi(settings, {
    start,
    stop,
    call,
    register(mods) {
      if (lazy.length) return;
      lazy = mods;
      if (on) run(mods);
      api.detectors = true;
    },
  });
  w.intently = api;
  if (initialConsent(cfg)) start();
  for (const [m, ...a] of settings.q ?? []) {
    guard(() => (api as unknown as Record<string, (...x: unknown[]) => void>)[m]?.(...a))();
  }
  api.ready = true;
  document.dispatchEvent(new CustomEvent("intently:ready"));
}

guard(boot)();
