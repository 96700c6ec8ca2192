import type { Scorer } from "@intently/engine";
import { heuristicScorer } from "@intently/engine";
import { modelScorer, priorScorer } from "@intently/intent-model";
import { readBundle } from "./commands/model.ts";
import { inputFile } from "./flags.ts";

export const MODEL_FLAG_HELP = `  --model M      scores from: a model bundle FILE, "prior" (bundled, default) or "heuristic"`;

/** The scorer named by --model: the bundled prior by default. */
export function scorerFromFlag(v: Record<string, string | boolean | undefined>): Scorer {
  const m = v.model;
  if (m === undefined || m === "prior") return priorScorer();
  if (m === "heuristic") return heuristicScorer;
  return modelScorer(readBundle(inputFile(v, "model")));
}
