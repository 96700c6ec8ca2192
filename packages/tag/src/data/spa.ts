/**
 * In-page navigations (lazy): `history.pushState` and `popstate` to another URL send the old
 * page's engagement and a new page view, and tell the `nav` listeners (the u-turn detector);
 * a page restored from the back/forward cache sends a new page view.
 */
import type { Ctx, Module, Off } from "../types.ts";

/** Called on in-page navigations with the previous URL. */
export const nav: ((from: string) => void)[] = [];
const offs: Off[] = [];
let ctx: Ctx | undefined;
let here = "";
let patched = false;

export const bare = (): string => location.href.split("#")[0] as string;

function change(): void {
  const from = here;
  if (!ctx || bare() === from) return;
  here = bare();
  ctx.emit(ctx.engagement());
  ctx.view(from);
  for (const f of nav) f(from);
}

export const spa: Module = {
  start(c) {
    ctx = c;
    here = bare();
    if (!patched) {
      patched = true;
      const push = history.pushState;
      history.pushState = function (this: History, ...a: Parameters<History["pushState"]>) {
        push.apply(this, a);
        c.guard(change)();
      };
    }
    c.listen(window, "popstate", change, offs);
    // A page restored from the back/forward cache is a new page view.
    c.listen<PageTransitionEvent>(window, "pageshow", (e) => e.persisted && c.view(), offs);
  },
  stop() {
    for (const f of offs.splice(0)) f();
    ctx = undefined;
  },
};
