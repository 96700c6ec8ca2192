/**
 * Experiments by segment (docs/product/reports.md#experiments): for each experiment seen in
 * sessions' exposures ("experiment:variant", split at the last colon), every variant against
 * control — the variant named control/original/baseline/a/0 (case-insensitive, in that order of
 * preference), else the first by name. A session exposed to two variants counts in both.
 * - conversion: rate difference with a 95 % Wald interval, relative uplift (difference / control
 *   rate) and its interval (the difference's interval / control rate);
 * - revenue per session: mean difference with a 95 % Welch interval, the same relative forms;
 * - probabilityToBeatControl: P(variant's conversion rate > control's), Beta-Binomial with a
 *   uniform prior, computed exactly (closed-form sum; see stats.ts), not by sampling.
 */
import type { ArmRow, Period } from "../queries.ts";
import type { Store } from "../store.ts";
import { ratio, wholeDays } from "./common.ts";
import {
  conversionDifference,
  type Difference,
  meanDifference,
  probabilityToBeat,
} from "./stats.ts";

export interface ArmStats {
  variant: string;
  sessions: number;
  conversions: number;
  conversionRate: number | null;
  revenue: number;
  revenuePerSession: number | null;
}

export interface VariantStats extends ArmStats {
  conversion: Difference | null;
  revenuePerSessionDifference: Difference | null;
  probabilityToBeatControl: number | null;
}

export interface ExperimentResult {
  experiment: string;
  control: ArmStats;
  variants: VariantStats[];
}

export interface ExperimentsReport {
  site: string;
  period: { from: number; to: number };
  segment: string | null;
  experiments: ExperimentResult[];
}

const CONTROL_NAMES = ["control", "original", "baseline", "a", "0"];

export function splitArm(arm: string): [experiment: string, variant: string] {
  const i = arm.lastIndexOf(":");
  return i < 0 ? [arm, ""] : [arm.slice(0, i), arm.slice(i + 1)];
}

function pickControl(variants: string[]): string {
  for (const name of CONTROL_NAMES) {
    const hit = variants.find((v) => v.toLowerCase() === name);
    if (hit !== undefined) return hit;
  }
  return [...variants].sort()[0]!;
}

const armStats = (variant: string, r: ArmRow): ArmStats => ({
  variant,
  sessions: r.sessions,
  conversions: r.conversions,
  conversionRate: ratio(r.conversions, r.sessions),
  revenue: r.revenue,
  revenuePerSession: ratio(r.revenue, r.sessions),
});

export async function experimentsReport(
  store: Store,
  opts: Period & { segment?: string | null },
): Promise<ExperimentsReport> {
  const p: Period = await wholeDays(store, { site: opts.site, from: opts.from, to: opts.to });
  const segment = opts.segment ?? null;
  const arms = await store.queries.experimentArms(p, segment);
  const byExperiment = new Map<string, Map<string, ArmRow>>();
  for (const r of arms) {
    const [exp, variant] = splitArm(r.arm);
    const m = byExperiment.get(exp) ?? new Map<string, ArmRow>();
    byExperiment.set(exp, m);
    m.set(variant, r);
  }
  const experiments = [...byExperiment.keys()].sort().map((experiment): ExperimentResult => {
    const m = byExperiment.get(experiment)!;
    const controlName = pickControl([...m.keys()]);
    const c = m.get(controlName)!;
    const variants = [...m.keys()]
      .filter((v) => v !== controlName)
      .sort()
      .map((v): VariantStats => {
        const r = m.get(v)!;
        const ok = r.sessions > 0 && c.sessions > 0;
        return {
          ...armStats(v, r),
          conversion: ok ? conversionDifference(c, r) : null,
          revenuePerSessionDifference: ok ? meanDifference(c, r) : null,
          probabilityToBeatControl: ok ? probabilityToBeat(c, r) : null,
        };
      });
    return { experiment, control: armStats(controlName, c), variants };
  });
  return { site: p.site, period: { from: p.from, to: p.to }, segment, experiments };
}
