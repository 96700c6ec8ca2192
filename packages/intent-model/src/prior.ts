/**
 * The bundled prior model: trained on simulated traffic (scripts/train-prior.ts, documented as
 * such in its card: source "prior-simulated"), used by sites until their own history trains a
 * model that passes promotion.
 */
import type { Scorer } from "@intently/engine";
import prior from "../prior/prior-model.json" with { type: "json" };
import { type LoadedBundle, loadBundle } from "./bundle.ts";
import { modelScorer } from "./scorer.ts";

let loaded: LoadedBundle | undefined;
let scorer: Scorer | undefined;

export function priorBundle(): LoadedBundle {
  loaded ??= loadBundle(prior);
  return loaded;
}

export function priorScorer(): Scorer {
  scorer ??= modelScorer(priorBundle());
  return scorer;
}
