/**
 * Per-site training (docs/product/model.md#training-and-promotion): a site's recent history — the
 * collector's log of accepted batches — becomes a training set; the candidate is promoted only if
 * it is not worse than the current model on the candidate's own held-out (latest) period.
 */
import type { EventLine } from "@intently/engine";
import {
  atEvents,
  buildDataset,
  decidePromotion,
  evaluateBundle,
  groupSessions,
  loadBundle,
  type ModelBundle,
  type PromotionDecision,
  priorBundle,
  timeSplit,
  trainBundle,
} from "@intently/intent-model";
import type { ModelRegistry } from "./registry.ts";

/** Sessions a site needs before its own model is tried. */
export const MIN_TRAINING_SESSIONS = 500;

export interface TrainingOutcome {
  site: string;
  sessions: number;
  trained: ModelBundle | null;
  decision: PromotionDecision;
}

export async function trainSite(
  site: string,
  lines: Iterable<EventLine> | AsyncIterable<EventLine>,
  registry: ModelRegistry,
  opts: { minSessions?: number; seed?: number; params?: Record<string, number> } = {},
): Promise<TrainingOutcome> {
  const sessions = await groupSessions(lines);
  const min = opts.minSessions ?? MIN_TRAINING_SESSIONS;
  if (sessions.length < min) {
    return {
      site,
      sessions: sessions.length,
      trained: null,
      decision: { promote: false, reason: `${sessions.length} sessions < ${min}` },
    };
  }
  // Rows between events too, as the prior (dataset.ts betweenEvents): trained on event times
  // alone, a model learns "any idle time at all = leaving" (issue 20, item 9).
  const dataset = buildDataset(sessions, { betweenEvents: true });
  const bundle = trainBundle(dataset, { site, seed: opts.seed ?? 1, params: opts.params });
  registry.save(site, bundle);
  // The current model (the site's, else the prior) judged on the same held-out period.
  const current = registry.current(site) ?? priorBundle();
  const split = timeSplit(dataset);
  const held = {
    ...dataset,
    // Judged on the rows at events, as the new bundle's card (train.ts).
    rows: {
      xC: atEvents(split.xC.test),
      xATC: atEvents(split.xATC.test),
      xE: atEvents(split.xE.test),
    },
  };
  const currentMetrics = evaluateBundle(current, held).xC;
  const decision = decidePromotion(currentMetrics, bundle.card.scores.xC.model);
  if (decision.promote) registry.promote(site, bundle.id);
  loadBundle(bundle); // fails loudly now rather than at scoring time if the bundle is unusable
  return { site, sessions: sessions.length, trained: bundle, decision };
}
