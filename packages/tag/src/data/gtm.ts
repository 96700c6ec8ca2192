/**
 * GTM push (lazy; docs/product/activation.md#gtm-push): on every segment entry,
 * `{event: "intently_segment_enter", intently_segment: id}` is pushed onto the page's dataLayer
 * (the `dataLayer` setting), once per entry. Setting `gtm`: true always pushes (creating the
 * array if missing), false never; unset, it pushes when the page had its dataLayer array (from
 * the GTM or gtag snippet) when the detectors started. Guarded: a failing push never reaches
 * the page.
 */
import type { Module, Off } from "../types.ts";

export const GTM_EVENT = "intently_segment_enter";

const offs: Off[] = [];
/** Whether the page had its own dataLayer array (before the GA4 capture ensures one). */
let had: boolean | undefined;

export const gtm: Module = {
  start(ctx) {
    const w = window as unknown as Record<string, unknown>;
    const name = ctx.cfg.dataLayer;
    had ??= Array.isArray(w[name]);
    if (!(ctx.cfg.gtm ?? had)) return;
    ctx.listen(
      document,
      "intently:segment:enter",
      (e: CustomEvent<{ segment?: unknown } | null>) => {
        const id = e.detail?.segment;
        w[name] ??= [];
        const dl = w[name];
        if (typeof id === "string" && Array.isArray(dl))
          dl.push({ event: GTM_EVENT, intently_segment: id });
      },
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
  },
};
