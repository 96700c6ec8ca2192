/**
 * When the site's first purchase was seen (for the install checklist), or null: a live session
 * with a purchase, then the stored sessions. Bots are not counted.
 */
import { F } from "@intently/engine";
import type { AppContext } from "../../context.ts";

export async function firstPurchaseAt(ctx: AppContext, site: string): Promise<number | null> {
  const stored = await ctx.store.activity.firstPurchaseAt(site);
  if (stored !== null) return stored;
  let first: number | null = null;
  for (const s of ctx.host.engine.sessions()) {
    if (s.site !== site || s.bot || !(s.num(F.Purchases) > 0)) continue;
    const t = s.num(F.LastT);
    if (first === null || t < first) first = t;
  }
  return first;
}
