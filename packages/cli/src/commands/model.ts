import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildDataset,
  evaluateBundle,
  groupSessions,
  loadBundle,
  type ModelBundle,
  trainBundle,
} from "@intently/intent-model";
import { crossValidate, readCsvTable } from "@intently/model";
import { ModelRegistry, siteLinesFromLog, trainSite } from "@intently/server";
import { CliError, type Command } from "../command.ts";
import { inputFile, intFlag, outputFile, stringFlag } from "../flags.ts";
import { FORMATS, reportBad } from "../io/formats.ts";
import type { BadLine } from "../io/ndjson.ts";

const FORMAT_NAMES = Object.keys(FORMATS);
const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null);

/**
 * Training reads rows between events too, as the prior (dataset.ts betweenEvents: trained on
 * event times alone, a model learns "any idle time = leaving", issue 20 item 9); evaluation reads
 * the rows at events, comparable with every model card.
 */
async function loadDataset(
  v: Record<string, string | boolean | undefined>,
  opts: { betweenEvents?: boolean } = {},
) {
  const format = stringFlag(v, "format", { default: "intently", oneOf: FORMAT_NAMES });
  const input = inputFile(v, "in");
  const maxSessions = intFlag(v, "max-sessions", { min: 10, max: 10_000_000, default: 200_000 });
  const bad: BadLine[] = [];
  const sessions = await groupSessions(FORMATS[format]!(input, bad), { maxSessions });
  reportBad(bad, "rows");
  if (sessions.length === 0) throw new CliError("--in holds no usable sessions", 1);
  return buildDataset(sessions, opts);
}

export function readBundle(path: string): ReturnType<typeof loadBundle> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new CliError(`--model is not valid JSON: ${(e as Error).message}`, 1);
  }
  try {
    return loadBundle(json);
  } catch (e) {
    throw new CliError(`--model: ${(e as Error).message}`, 1);
  }
}

const inputOptions = {
  in: { type: "string" },
  format: { type: "string" },
  "max-sessions": { type: "string" },
} as const;

export const modelTrainCommand: Command = {
  name: ["model", "train"],
  summary: "Train a site's xC / xATC / xE models from its event history",
  usage: `--in FILE --out MODEL.json [--format ${FORMAT_NAMES.join("|")}] [--site ID] [--seed S] [--max-sessions N] [--json]
       | --data DIR --site ID   (a server's data folder: trains from its collector log, saves the
                                 version and promotes it if not worse on the held-out period)

  Sessions are split by time: the latest 20 % is held out for the model card, the 15 % before
  it early-stops and calibrates the trees. Prints the model card (AUC, PR-AUC, Brier, AUC by
  prefix length) beside the logistic-regression baseline.`,
  options: {
    ...inputOptions,
    out: { type: "string" },
    site: { type: "string" },
    seed: { type: "string" },
    data: { type: "string" },
    json: { type: "boolean" },
  },
  async run(v) {
    if (v.data !== undefined) return trainFromServerData(v);
    const out = outputFile(v, "out");
    const seed = intFlag(v, "seed", { min: 0, max: 2 ** 31 - 1, default: 1 });
    const site = stringFlag(v, "site", { default: "site" });
    const d = await loadDataset(v, { betweenEvents: true });
    if (d.sessions.length < 50)
      throw new CliError(`only ${d.sessions.length} sessions: at least 50 are needed to train`, 1);
    let bundle: ModelBundle;
    try {
      bundle = trainBundle(d, { site, seed });
    } catch (e) {
      throw new CliError((e as Error).message, 1);
    }
    const text = JSON.stringify(bundle);
    if (out === "-") process.stdout.write(`${text}\n`);
    else writeFileSync(out, text);
    const summary = Object.fromEntries(
      (["xC", "xATC", "xE"] as const).map((k) => {
        const s = bundle.card.scores[k];
        return [
          k,
          {
            auc: r4(s.model.auc),
            prAuc: r4(s.model.prAuc),
            brier: r4(s.model.brier),
            baseline: { auc: r4(s.baseline.auc), brier: r4(s.baseline.brier) },
          },
        ];
      }),
    );
    const report = {
      model: bundle.id,
      data: bundle.card.data,
      heldOut: summary,
      aucByPrefix: bundle.card.scores.xC.model.aucByPrefix,
    };
    (out === "-" ? process.stderr : process.stdout).write(
      `${JSON.stringify(report, null, v.json ? 0 : 2)}\n`,
    );
    return 0;
  },
};

export const modelEvalCommand: Command = {
  name: ["model", "eval"],
  summary: "Evaluate a model on an event file: xC AUC, PR-AUC, Brier and AUC by prefix length",
  usage: `--in FILE --model MODEL.json [--format ${FORMAT_NAMES.join("|")}] [--max-sessions N] [--json]

  Prints {sessions, positives, auc, prAuc, brier, aucByPrefix:{"1","2","3","5","10"}} for xC;
  aucByPrefix[k] scores each session after its k-th event, over sessions with at least k
  events before any purchase.`,
  options: { ...inputOptions, model: { type: "string" }, json: { type: "boolean" } },
  async run(v) {
    const loaded = readBundle(inputFile(v, "model"));
    const d = await loadDataset(v);
    const m = evaluateBundle(loaded, d).xC;
    const result = {
      sessions: d.sessions.length,
      positives: d.sessions.filter((s) => s.purchased).length,
      auc: r4(m.auc),
      prAuc: r4(m.prAuc),
      brier: r4(m.brier),
      aucByPrefix: Object.fromEntries(
        Object.entries(m.aucByPrefix).map(([k, x]) => [k, x === null ? null : r4(x)]),
      ),
      calibration: m.calibration.map((b) => ({
        predicted: r4(b.meanPredicted),
        observed: r4(b.observedRate),
        n: b.count,
      })),
    };
    process.stdout.write(`${JSON.stringify(result, null, v.json ? 0 : 2)}\n`);
    return 0;
  },
};

export const modelCvCommand: Command = {
  name: ["model", "cv"],
  summary: "Stratified k-fold cross-validation of the learner on any tabular CSV",
  usage: `--csv FILE --label COL [--folds K] [--seed S] [--categorical COL,COL] [--exclude COL,COL] [--json]

  Numeric, boolean and categorical columns are detected; --categorical marks numeric codes as
  categories. F1 uses a threshold chosen inside each training fold. Prints
  {auc, prAuc, f1, accuracy, brier, baseline:{auc, prAuc, f1}} (baseline: logistic regression).`,
  options: {
    csv: { type: "string" },
    label: { type: "string" },
    folds: { type: "string" },
    seed: { type: "string" },
    categorical: { type: "string" },
    exclude: { type: "string" },
    json: { type: "boolean" },
  },
  async run(v) {
    const table = readCsvTable(readFileSync(inputFile(v, "csv"), "utf8"));
    const label = stringFlag(v, "label", { required: true });
    const columns = table.columns.map((c) => c.name);
    if (!columns.includes(label))
      throw new CliError(`--label: no column "${label}" (columns: ${columns.join(", ")})`, 1);
    const list = (name: string) => {
      const xs = stringFlag(v, name)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      for (const x of xs)
        if (!columns.includes(x)) throw new CliError(`--${name}: no column "${x}"`, 1);
      return xs;
    };
    const r = crossValidate({
      rows: table.rows,
      label,
      folds: intFlag(v, "folds", { min: 2, max: 20, default: 5 }),
      seed: intFlag(v, "seed", { min: 0, max: 2 ** 31 - 1, default: 1 }),
      categorical: list("categorical"),
      exclude: list("exclude"),
    });
    const result = {
      rows: r.labels.length,
      droppedRows: r.droppedRows,
      skippedCsvRows: table.skipped,
      auc: r4(r.auc),
      prAuc: r4(r.prAuc),
      f1: r4(r.f1),
      accuracy: r4(r.accuracy),
      brier: r4(r.brier),
      baseline: { auc: r4(r.baseline.auc), prAuc: r4(r.baseline.prAuc), f1: r4(r.baseline.f1) },
      folds: r.folds.map((f) => ({ auc: r4(f.auc), trees: f.trees, threshold: r4(f.threshold) })),
    };
    process.stdout.write(`${JSON.stringify(result, null, v.json ? 0 : 2)}\n`);
    return 0;
  },
};

/** `model train --data DIR --site S`: the scheduled training, run now. */
async function trainFromServerData(
  v: Record<string, string | boolean | undefined>,
): Promise<number> {
  const data = stringFlag(v, "data", { required: true });
  const site = stringFlag(v, "site", { required: true });
  const logDir = join(data, "log");
  if (!existsSync(logDir)) throw new CliError(`--data: no collector log in ${data}`, 1);
  const registry = new ModelRegistry(join(data, "models"));
  const out = await trainSite(site, siteLinesFromLog(logDir, site), registry, {
    seed: intFlag(v, "seed", { min: 0, max: 2 ** 31 - 1, default: 1 }),
  });
  const result = {
    site,
    sessions: out.sessions,
    model: out.trained?.id ?? null,
    promoted: out.decision.promote,
    reason: out.decision.reason,
    heldOutXC: out.trained
      ? {
          auc: r4(out.trained.card.scores.xC.model.auc),
          brier: r4(out.trained.card.scores.xC.model.brier),
        }
      : null,
  };
  process.stdout.write(`${JSON.stringify(result, null, v.json ? 0 : 2)}\n`);
  return 0;
}
