/**
 * `intently bench segments`: the same 50 segments evaluated over the same session snapshots by
 * our compiled conditions, GrowthBook's `evalCondition` (the reference interpreter of this
 * language) and json-logic-js (the other common rule language), side by side in one run.
 * Every evaluator's answers are cross-checked; disagreements are counted and reported.
 */
import { evalCondition } from "@growthbook/growthbook";
import { compileCondition } from "@intently/conditions";
import { attributesOf, conditionFields, Engine } from "@intently/engine";
import { simulate } from "@intently/simulator";
import jsonLogic from "json-logic-js";
import { toJsonLogic } from "./json-logic.ts";
import { noProgress, type ProgressOf, round, spreadOf } from "./runner.ts";
import { SEGMENT_LIBRARY } from "./segment-library.ts";

type Attrs = Record<string, unknown>;

const regexCache = new Map<string, RegExp>();
jsonLogic.add_operation("regex", (s: unknown, pattern: string, flags: string) => {
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    regexCache.set(key, re);
  }
  return typeof s === "string" && re.test(s);
});

/** Session snapshots taken after every event of simulated traffic (only the fields used). */
function snapshots(count: number, seed: number, progressOf: ProgressOf): Attrs[] {
  const fields = new Set<string>();
  for (const s of SEGMENT_LIBRARY) conditionFields(s.condition, fields);
  const list = [...fields];
  const engine = new Engine();
  const out: Attrs[] = [];
  const progress = progressOf("snapshots");
  for (const line of simulate({ sessions: Math.ceil(count / 4), seed, days: 7 })) {
    engine.process(line, line.event);
    const s = engine.get(line.site, line.session)!;
    out.push(attributesOf({ s, bands: engine.bandsOf(line.site), now: line.event.t }, list));
    progress.tick(out.length, count);
    if (out.length >= count) break;
  }
  progress.done();
  return out;
}

type Evaluator = (attrs: Attrs, i: number) => boolean;

function timeRun(snaps: Attrs[], evals: Evaluator[], hits: Uint8Array | null): number {
  const t0 = process.hrtime.bigint();
  let k = 0;
  for (let s = 0; s < snaps.length; s++) {
    const a = snaps[s]!;
    for (let i = 0; i < evals.length; i++) {
      const r = evals[i]!(a, i);
      if (hits) hits[k++] = r ? 1 : 0;
    }
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function benchSegments(o: {
  snapshots: number;
  rounds: number;
  seed: number;
  progress?: ProgressOf;
}) {
  const progressOf = o.progress ?? noProgress;
  const snaps = snapshots(o.snapshots, o.seed, progressOf);
  const compiled = SEGMENT_LIBRARY.map((s) => compileCondition(s.condition));
  const logic = SEGMENT_LIBRARY.map((s) => toJsonLogic(s.condition));
  const conds = SEGMENT_LIBRARY.map((s) => s.condition);
  const evaluators: Record<string, Evaluator[]> = {
    intently: compiled.map((f) => (a) => f(a)),
    growthbook: conds.map((c) => (a) => evalCondition(a, c as never)),
    jsonLogic: logic.map((l) => (a) => jsonLogic.apply(l as never, a) === true),
  };
  // Correctness first: the same answers from all three on every snapshot × segment.
  const answers: Record<string, Uint8Array> = {};
  for (const [name, ev] of Object.entries(evaluators)) {
    answers[name] = new Uint8Array(snaps.length * ev.length);
    timeRun(snaps, ev, answers[name]!); // also warms up
  }
  const disagree = (a: Uint8Array, b: Uint8Array) =>
    a.reduce((n, x, i) => n + (x !== b[i] ? 1 : 0), 0);
  /** A few disagreements with their inputs, so a difference in semantics can be read. */
  const examples = (other: Uint8Array) => {
    const out: { segment: string; intently: boolean; other: boolean; attributes: Attrs }[] = [];
    const per = SEGMENT_LIBRARY.length;
    for (let k = 0; k < other.length && out.length < 3; k++) {
      if (other[k] === answers.intently![k]) continue;
      const seg = SEGMENT_LIBRARY[k % per]!;
      const attrs = snaps[Math.floor(k / per)]!;
      const used = conditionFields(seg.condition);
      out.push({
        segment: seg.id,
        intently: answers.intently![k] === 1,
        other: other[k] === 1,
        attributes: Object.fromEntries([...used].map((f) => [f, attrs[f]])),
      });
    }
    return out;
  };
  const matches = answers.intently!.reduce((n, x) => n + x, 0);
  const rates: Record<string, number[]> = { intently: [], growthbook: [], jsonLogic: [] };
  const progress = progressOf("rounds");
  for (let r = 0; r < o.rounds; r++) {
    for (const [name, ev] of Object.entries(evaluators)) {
      rates[name]!.push((snaps.length * ev.length) / timeRun(snaps, ev, null));
    }
    progress.tick(r + 1, o.rounds);
  }
  progress.done();
  const summary = (xs: number[]) => {
    const s = spreadOf(xs);
    return {
      evaluationsPerSec: Math.round(s.median),
      min: Math.round(s.min),
      max: Math.round(s.max),
      relativeSpread: round(s.spread, 3),
    };
  };
  const ours = summary(rates.intently!);
  const gb = summary(rates.growthbook!);
  const jl = summary(rates.jsonLogic!);
  return {
    segments: SEGMENT_LIBRARY.length,
    snapshots: snaps.length,
    evaluationsPerRound: snaps.length * SEGMENT_LIBRARY.length,
    rounds: o.rounds,
    matchRate: round(matches / answers.intently!.length, 4),
    intently: ours,
    growthbook: gb,
    jsonLogic: jl,
    ratio: {
      intentlyVsGrowthbook: round(ours.evaluationsPerSec / gb.evaluationsPerSec, 2),
      intentlyVsJsonLogic: round(ours.evaluationsPerSec / jl.evaluationsPerSec, 2),
    },
    disagreements: {
      growthbook: disagree(answers.intently!, answers.growthbook!),
      jsonLogic: disagree(answers.intently!, answers.jsonLogic!),
      examples: {
        growthbook: examples(answers.growthbook!),
        jsonLogic: examples(answers.jsonLogic!),
      },
    },
    node: process.version,
  };
}
