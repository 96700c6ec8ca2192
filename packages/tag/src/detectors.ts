/**
 * The lazily loaded modules (bundled to `intently.detectors.js`): GA4 dataLayer capture, GA's
 * cookie ids (for the GA4 connector), the GTM push of segment entries, identify, in-page navigations, scroll depth, clicks with hesitation, rage clicks, JS errors and error clicks, exit
 * intent, idle, dead clicks (MutationObserver), thrashed cursor, form errors and u-turns.
 * They register with the core, which starts them with its context (config, pipeline, guard)
 * once capture is allowed; their config defaults are filled in here.
 */
import { identify } from "./api/identify.ts";
import { withLazyDefaults } from "./core/config-lazy.ts";
import { dataLayer } from "./data/datalayer.ts";
import { gaCookies } from "./data/ga-cookies.ts";
import { gtm } from "./data/gtm.ts";
import { spa } from "./data/spa.ts";
import { clicks } from "./interaction/clicks.ts";
import { dead } from "./interaction/dead.ts";
import { errors } from "./interaction/errors.ts";
import { exit } from "./interaction/exit.ts";
import { form } from "./interaction/form.ts";
import { idle } from "./interaction/idle.ts";
import { rage } from "./interaction/rage.ts";
import { scroll } from "./interaction/scroll.ts";
import { thrash } from "./interaction/thrash.ts";
import { uturn } from "./interaction/uturn.ts";
import type { Module } from "./types.ts";

const MODULES: Module[] = [
  scroll,
  clicks,
  rage,
  // Before dataLayer, which creates the array: gtm looks at whether the page had one.
  gtm,
  dataLayer,
  gaCookies,
  identify,
  spa,
  errors,
  exit,
  idle,
  dead,
  thrash,
  form,
  uturn,
];

/** Longest wait for an idle moment before the detectors start anyway. */
export const START_IDLE_TIMEOUT_MS = 2000;

const w = window as unknown as {
  intently?: { _lazy?: (mods: Module[]) => void };
  requestIdleCallback?: (f: () => void, o: { timeout: number }) => number;
};

/**
 * Registers (and so starts) the detectors after the page's load event, in idle time (issue 21):
 * started during loading, their first reads (scroll height, storage, cookies) forced style and
 * layout inside the page's own loading tasks, a long task of the tag on a throttled phone.
 */
function register(): void {
  w.intently?._lazy?.(
    MODULES.map((m) => ({
      start(ctx) {
        withLazyDefaults(ctx.cfg);
        m.start(ctx);
      },
      stop: m.stop,
    })),
  );
}

function whenIdle(): void {
  if (w.requestIdleCallback) w.requestIdleCallback(register, { timeout: START_IDLE_TIMEOUT_MS });
  else setTimeout(register, 1);
}

if (document.readyState === "complete") whenIdle();
else addEventListener("load", whenIdle, { once: true });
