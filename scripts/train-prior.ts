/**
 * Trains the bundled prior model (used by sites without enough history of their own) on
 * simulated traffic, and writes packages/intent-model/prior/prior-model.json.
 * Run: node --import tsx scripts/train-prior.ts   (deterministic: fixed seeds and date)
 */
import { writeFileSync } from "node:fs";
import { buildDataset, groupSessions, trainBundle } from "@intently/intent-model";
import { simulate } from "@intently/simulator";

export const PRIOR_SIMULATION = {
  sessions: 12_000,
  seed: 2026,
  days: 28,
  start: Date.UTC(2026, 0, 5),
};
/** Smaller trees than a site model: the prior ships inside the package. */
export const PRIOR_PARAMS = {
  numRounds: 60,
  maxLeaves: 15,
  learningRate: 0.2,
  minSamplesLeaf: 100,
};

const sessions = await groupSessions(simulate(PRIOR_SIMULATION));
// Also between events (issue 20 item 9): live scores are read between events too.
const dataset = buildDataset(sessions, { betweenEvents: true });
const bundle = trainBundle(dataset, {
  site: "prior",
  seed: 1,
  source: "prior-simulated",
  params: PRIOR_PARAMS,
  // Trained when its data ends, so the card's date is not before its data.
  now: new Date(Math.max(...dataset.sessions.map((s) => s.end))),
});
const path = process.env.PRIOR_OUT
  ? new URL(`file://${process.env.PRIOR_OUT}`)
  : new URL("../packages/intent-model/prior/prior-model.json", import.meta.url);
writeFileSync(path, JSON.stringify(bundle));
const s = bundle.card.scores;
process.stdout.write(
  `prior model: ${dataset.sessions.length} sessions; held-out AUC xC ${s.xC.model.auc.toFixed(4)} xATC ${s.xATC.model.auc.toFixed(4)} xE ${s.xE.model.auc.toFixed(4)}\n`,
);
