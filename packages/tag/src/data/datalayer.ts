/**
 * GA4 dataLayer capture: entries already present are processed at start, later ones through a
 * wrapped `push` (the original push always runs first and its result is returned unchanged).
 * Accepts `{event, ecommerce:{…}}` objects and gtag `arguments` (`["event", name, params]`);
 * `intently.push` feeds the same path. Declared custom keys (`props`) become `set` events.
 */
import type { Ctx, Module } from "../types.ts";
import { toEvent } from "./commerce.ts";

const PROP_KEY = /^[A-Za-z_]\w{0,63}$/;
const MAX_PROPS = 32;

type Obj = Record<string, unknown>;

let ctx: Ctx | undefined;
let wrapped: unknown;

/** One dataLayer entry, gtag call or `intently.push` argument (`api` also accepts `type`). */
export function handle(x: unknown, api?: boolean): void {
  if (!ctx || !x || typeof x !== "object") return;
  const o = x as Obj;
  const p = (o[0] === "event" ? o[2] : o.ecommerce) as Obj | null | undefined;
  const e = toEvent(o[0] === "event" ? o[1] : (o.event ?? (api && o.type)), (k) => p?.[k] ?? o[k]);
  if (e) {
    ctx.emit(e);
    if (e.type === "purchase") ctx.purchased();
  }
  const props: Record<string, string | number | boolean> = {};
  let n = 0;
  for (const k of ctx.cfg.props) {
    const v = o[k];
    const ok = typeof v === "string" || typeof v === "boolean" || Number.isFinite(v);
    if (ok && n < MAX_PROPS && PROP_KEY.test(k)) {
      props[k] = typeof v === "string" ? v.slice(0, 256) : (v as number | boolean);
      n++;
    }
  }
  if (n) ctx.emit({ type: "set", props });
}

export const dataLayer: Module = {
  start(c) {
    ctx = c;
    c.api.push = (x) => handle(x, true);
    const w = window as unknown as Obj;
    w[c.cfg.dataLayer] ??= [];
    const dl = w[c.cfg.dataLayer];
    if (!Array.isArray(dl)) return;
    for (const x of dl) c.guard(handle)(x);
    if (wrapped === dl) return;
    wrapped = dl;
    const push = dl.push;
    const each = c.guard(handle);
    dl.push = function (this: unknown[], ...a: unknown[]) {
      const r = push.apply(this, a);
      for (const x of a) each(x);
      return r;
    };
  },
  stop() {
    ctx = undefined;
  },
};
