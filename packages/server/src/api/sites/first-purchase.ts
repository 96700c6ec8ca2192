/**
 * When the site's first purchase was seen (for the install checklist), or null: a live session
 * with a purchase, then the stored sessions. Bots are not counted.
 */
import { F } from "@intently/engine";
import { DuckDbStore } from "@intently/store";
import type { AppContext } from "../../context.ts";

export async function firstPurchaseAt(ctx: AppContext, site: string): Promise<number | null> {
  // The store holds ended sessions; reading its table here (not a Store method) keeps this
  // check out of the store's interface, which only the checklist needs.
  if (ctx.store instanceof DuckDbStore) {
    const [r] = await ctx.store.db.query(
      `SELECT min(last_event_at) AS t FROM sessions WHERE site = $site AND purchased AND NOT bot`,
      { site },
    );
    if (r?.t !== null && r?.t !== undefined) return Number(r.t);
  }
  let first: number | null = null;
  for (const s of ctx.host.engine.sessions()) {
    if (s.site !== site || s.bot || !((s.n[F.Purchases] ?? 0) > 0)) continue;
    const t = s.n[F.LastT] ?? Date.now();
    if (first === null || t < first) first = t;
  }
  return first;
}
