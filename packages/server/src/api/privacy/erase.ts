/**
 * Erasure of visitors everywhere (issue 22; docs/privacy.md#erasure), in this order
 * so that a crash at any point cannot bring the data back:
 * 1. a tombstone, durable before anything else (the collector never applies the visitors'
 *    batches again, on replay or when new ones arrive; the next start finishes an erasure cut
 *    short);
 * 2. their live sessions end in the engine (post-session integrations are not told);
 * 3. the store deletes their events, sessions, intervals and outbox messages (pending, dead or
 *    delivered), after the summaries of sessions that ended just before are in it;
 * 4. the collector log's segments are rewritten without their batches;
 * 5. export files of the days their sessions ended are rewritten from the store;
 * 6. the store's file is compacted within the hour (or at the next start), so deleted values
 *    leave its free blocks.
 */
import { createHash } from "node:crypto";
import { rewriteExports } from "@intently/integrations";
import { type DeletedCounts, type Site, sha256Hex } from "@intently/store";
import type { AppContext } from "../../context.ts";
import { serviceOf } from "../integrations/service.ts";
import type { Api } from "../types.ts";
import { collectorOfApi } from "./collector-of.ts";
import { endLiveSessions } from "./end-sessions.ts";

export interface ErasureResult {
  /** Every visitor id erased (the one asked for and those linked to it). */
  visitors: string[];
  liveSessionsEnded: number;
  deleted: DeletedCounts;
  log: { segments: number; batches: number };
  exports: number;
  compaction: "within-1h";
}

export async function eraseVisitors(
  api: Api,
  ctx: AppContext,
  site: string,
  visitors: readonly string[],
): Promise<ErasureResult> {
  const ids = new Set(visitors);
  const collector = collectorOfApi(api);
  collector?.tombstone(site, visitors);
  const liveSessionsEnded = endLiveSessions(ctx, (s) => s.site === site && ids.has(s.visitor));
  // Summaries of sessions ended a moment ago may still be on their way into the outbox.
  await serviceOf(api)?.flush();
  const deleted: DeletedCounts = { events: 0, sessions: 0, intervals: 0, pageViews: 0, outbox: 0 };
  const days = new Set<string>();
  for (const v of ids) {
    const { endedDays, ...counts } = await ctx.store.eraseVisitor(site, v);
    for (const k of Object.keys(deleted) as (keyof DeletedCounts)[]) deleted[k] += counts[k];
    for (const d of endedDays) days.add(d);
  }
  const log = collector
    ? await collector.eraseFromLog(site, visitors)
    : { segments: 0, batches: 0 };
  const exports = await rewriteExports(ctx.store, site, [...days].sort());
  ctx.store.requestCompaction();
  collector?.erasureDone(site, visitors);
  return {
    visitors: [...ids],
    liveSessionsEnded,
    deleted,
    log: { segments: log.segments, batches: log.batches },
    exports: exports.length,
    compaction: "within-1h",
  };
}

/** Visitors (stored or live) whose identified id hashes to one of `hashes`. */
async function visitorsOf(ctx: AppContext, site: string, hashes: Set<string>): Promise<string[]> {
  const out = new Set(await ctx.store.visitorsByIdentity(site, [...hashes]));
  for (const s of ctx.host.engine.sessions())
    if (s.site === site && s.identified && hashes.has(sha256Hex(s.identified))) out.add(s.visitor);
  return [...out];
}

/** The visitor and every visitor linked to it by the same identified id. */
export async function linkedVisitors(
  ctx: AppContext,
  site: string,
  visitor: string,
): Promise<string[]> {
  const hashes = new Set(await ctx.store.identitiesOf(site, visitor));
  for (const s of ctx.host.engine.sessions())
    if (s.site === site && s.visitor === visitor && s.identified)
      hashes.add(sha256Hex(s.identified));
  return [...new Set([visitor, ...(await visitorsOf(ctx, site, hashes))])];
}

/**
 * The visitors a shop's own id (an e-mail or customer id, as given to `intently.identify`)
 * was seen for, however it was sent: hashed by the tag (SHA-256 of the trimmed, lower-cased id)
 * or raw, keyed by the collector or (older data) not.
 */
export async function visitorsOfIdentity(
  api: Api,
  ctx: AppContext,
  site: Site,
  id: string,
): Promise<string[]> {
  const trimmed = id.trim();
  const tagHash = createHash("sha256").update(trimmed.toLowerCase()).digest("hex");
  const forms = new Set([trimmed, tagHash]);
  const identities = collectorOfApi(api)?.identities;
  for (const f of [...forms]) if (identities) forms.add(identities.keyed(site, f));
  return visitorsOf(ctx, site.id, new Set([...forms].map(sha256Hex)));
}
