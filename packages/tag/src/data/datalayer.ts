/**
 * dataLayer capture: entries already present are processed at start, later ones through a
 * wrapped `push` (the original push always runs first and its result is returned unchanged).
 * If the page assigns a new array to `window.dataLayer` after the tag loaded, the new array is
 * read and wrapped too (a property accessor, or a check every second and at page hide where
 * the property cannot be redefined). Objects merge into GTM's data model (model.ts) before an
 * event is read; each push goes to one adapter (adapters/*): Elevar-style `dl_*` events, UA
 * Enhanced Ecommerce actions (with or without an `event`), or GA4 (GTM objects and gtag
 * `arguments`). `intently.push` takes the GA4 shape (`type` for `event`). A purchase or
 * refund already sent for the visitor is dropped (orders.ts). Declared custom keys (`props`)
 * become `set` events.
 */
import { orderKey } from "@intently/engine/session/orders";
import type { Ctx, Draft, Module } from "../types.ts";
import { toEvent } from "./adapters/ga4.ts";
import { classic, elevar, isUA, ua } from "./adapters/ua.ts";
import { locale, type Obj, obj } from "./commerce.ts";
import { plain, update } from "./model.ts";
import { first, forget } from "./orders.ts";

const PROP_KEY = /^[A-Za-z_]\w{0,63}$/;
const MAX_PROPS = 32;
/** How often a replaced dataLayer array is looked for where no accessor could be set. */
const CHECK_MS = 1000;

let ctx: Ctx | undefined;
let model: Obj = {};
/** Arrays whose push is wrapped, and entries already read (an array may be replaced by one
 * holding the same entries). */
const wrapped = new WeakSet<object>();
const done = new WeakSet<object>();
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * The events of one dataLayer entry (merged into `model`), gtag call or `intently.push`
 * argument (`api`).
 */
export function read(o: Obj, model: Obj, api?: boolean): Draft[] {
  if (o[0] === "event") return [toEvent(o[1], (k) => obj(o[2])?.[k], "gtag")].filter(is);
  if (api) {
    const p = obj(o.ecommerce);
    return [toEvent(o.event ?? o.type, (k) => p?.[k] ?? o[k], "api")].filter(is);
  }
  // gtag's other commands and GTM command arrays are not data: they do not merge.
  if (!plain(o)) return [];
  const name = o.event;
  const ec = obj(o.ecommerce);
  update(model, o);
  if (typeof name === "string" && name.startsWith("dl_"))
    return [elevar(name, ec ?? {}, o)].filter(is);
  if (ec && isUA(ec)) return ua(ec);
  if (o.transactionId != null) return [classic(o)];
  const m = obj(model.ecommerce);
  // An event's own item list is its items: GTM would merge it element by element into an
  // uncleared earlier list (the pitfall Google's `{ecommerce: null}` advice is about).
  const own = ec?.items;
  return [
    toEvent(name, (k) => (k === "items" && Array.isArray(own) ? own : (m?.[k] ?? model[k]))),
  ].filter(is);
}

const is = (e: Draft | undefined): e is Draft => !!e;

export function handle(x: unknown, api?: boolean): void {
  const o = obj(x);
  if (!ctx || !o) return;
  done.add(o);
  for (const e of read(o, model, api)) {
    const key = orderKey(e as Parameters<typeof orderKey>[0]);
    if (key && !first(key)) continue;
    if (e.type === "purchase") ctx.purchased();
    ctx.emit(e);
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

/** Reads the entries of the page's current array and wraps its push (once per array). */
function attach(c: Ctx, dl: unknown): void {
  if (!Array.isArray(dl) || wrapped.has(dl)) return;
  wrapped.add(dl);
  const each = c.guard(handle);
  // A replacing array may hold entries already read; a page may push one object twice.
  for (const x of dl) if (!done.has(x)) each(x);
  const push = dl.push;
  dl.push = function (this: unknown[], ...a: unknown[]) {
    const r = push.apply(this, a);
    for (const x of a) each(x);
    return r;
  };
}

/** Follows assignments of a new array to the dataLayer's global name. */
function follow(c: Ctx, w: Obj, name: string): void {
  let dl = w[name];
  try {
    Object.defineProperty(w, name, {
      configurable: true,
      enumerable: true,
      get: () => dl,
      set(v) {
        dl = v;
        c.guard(attach)(c, v);
      },
    });
  } catch {
    // `var dataLayer` makes a property that cannot be redefined: look for a new array instead.
    const check = c.guard(() => attach(c, w[name]));
    timer = setInterval(check, CHECK_MS);
    c.listen(document, "visibilitychange", check, []);
  }
}

export const dataLayer: Module = {
  start(c) {
    ctx = c;
    model = {};
    c.api.push = (x) => handle(x, true);
    // The site's locale and currency from its loader (server tag-loader.ts), or the page's.
    const cfg = c.cfg as Ctx["cfg"] & { locale?: unknown; currency?: unknown };
    // Its decimal separator is looked up when first needed (commerce.ts).
    locale.tag = cfg.locale || document.documentElement.lang || undefined;
    locale.dec = null;
    locale.cur = typeof cfg.currency === "string" ? cfg.currency : undefined;
    const w = window as unknown as Obj;
    const name = c.cfg.dataLayer;
    w[name] ??= [];
    if (!timer) follow(c, w, name);
    attach(c, w[name]);
  },
  stop() {
    ctx = undefined;
    forget();
  },
};
