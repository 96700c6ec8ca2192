/**
 *   POST /api/sites/:site/segments/estimate   {condition, days?} → how many of the last `days`
 *   days' ended sessions match ("matches N sessions in the last 7 days"), for the builder:
 *   {sessions, totalSessions, period, exact, unestimated, suggestions}. A count over the stored
 *   sessions (estimate-count.ts says what "matches" means); the condition is validated as a save
 *   validates it (400 with located errors). The period is whole UTC days, today included.
 */
import { Estimate, EstimateBody, SiteParams } from "@intently/api-contract";
import { validateSegmentDefinition } from "@intently/engine";
import { type Period, SUGGESTED_FIELDS } from "@intently/store";
import { siteOf } from "../auth/principal.ts";
import { badRequest } from "../errors.ts";
import { periodOf } from "../period.ts";
import type { Api, ApiDeps } from "../types.ts";
import { countMatching } from "./estimate-count.ts";

const SUGGESTIONS = 50;
/** Suggestions do not depend on the condition: the builder's calls share them for a minute. */
const SUGGESTIONS_TTL_MS = 60_000;

/** The condition's errors as a save would report them. */
function conditionErrors(condition: unknown) {
  const probe = { id: "estimate", name: "estimate", condition, method: "in-flight", priority: 0 };
  return validateSegmentDefinition({ ...probe, status: "live" })
    .filter((e) => e.path.startsWith("/condition"))
    .map((e) => ({ path: `/body${e.path}`, message: e.message }));
}

export function registerEstimateRoutes(api: Api, deps: ApiDeps): void {
  const { store } = deps.ctx;
  const cache = new Map<string, { at: number; values: Promise<Record<string, string[]>> }>();

  function suggestions(period: Period): Promise<Record<string, string[]>> {
    const key = `${period.site}\n${period.from}\n${period.to}`;
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < SUGGESTIONS_TTL_MS) return hit.values;
    if (cache.size >= 100) cache.clear();
    const values = store.queries.topValues(period, SUGGESTED_FIELDS, SUGGESTIONS);
    cache.set(key, { at: now, values });
    values.catch(() => cache.delete(key));
    return values;
  }

  api.post("/sites/:site/segments/estimate", {
    config: { access: "viewer" },
    schema: {
      tags: ["segments"],
      summary:
        "How many of the last days' ended sessions a condition matches (an exact count, or an upper bound naming the fields it could not evaluate)",
      params: SiteParams,
      body: EstimateBody,
      response: { 200: Estimate },
    },
    handler: async (req, reply) => {
      const { condition } = req.body;
      const issues = conditionErrors(condition);
      if (issues.length > 0) throw badRequest("invalid condition", issues);
      // The last `days` local days of the site, today included (its sessions ended so far).
      const { from, to } = periodOf({}, siteOf(req), Date.now(), req.body.days ?? 7);
      const period = { site: siteOf(req).id, from, to };
      const [count, values] = await Promise.all([
        countMatching(store, period, condition),
        suggestions(period),
      ]);
      reply.header("cache-control", "no-store");
      return { ...count, period: { from: period.from, to: period.to }, suggestions: values };
    },
  });
}
