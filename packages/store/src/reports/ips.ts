/**
 * The Intent Performance Score (docs/product/reports.md#ips). Definitions, over the period's
 * non-bot sessions:
 * - a session *entered* a phase when its furthest phase reached (its final phase — phases never
 *   move backwards) is that phase or a later one; it *progressed* when it reached the next phase
 *   (Engage → Build Intent → Maintain Intent → Convert → Converted). A session that skipped a
 *   phase (e.g. straight to checkout) counts as having entered and progressed through it.
 * - rate = progressed / entered; phase score = clamp((rate − floor) / (ceiling − floor), 0, 1)
 *   × 100 with the site's benchmarks (DEFAULT_IPS_BENCHMARKS unless the site edited them).
 * - IPS = Σ score × entered / Σ entered over phases with entered > 0 (null when none).
 * - dropped = entered − progressed = sessions whose furthest phase is this one.
 * - revenue per progressing session = revenue of the sessions that progressed past the phase /
 *   their number; revenue at stake = dropped × that: what the dropped sessions would have
 *   brought had they progressed and then done as well as those that did.
 *   It counts revenue not earned, phase by phase, so their sum can exceed the period's revenue.
 * - weakest phase = the phase with the most revenue at stake (the overview's "start there"); with
 *   no revenue at stake anywhere (no purchase recorded), the phase with the most dropped
 *   sessions; ties go to the earlier phase. One rule for both figures (weakestPhase).
 * - segments by state: the phase's three framework segments, with sessions ever in each and
 *   the dropped sessions that ended in each.
 */
import {
  type BehaviourState,
  FRAMEWORK_SEGMENT_IDS,
  PHASE_LABELS,
  PHASES,
  STATES,
} from "@intently/engine";
import type { Period, PhaseOutcomeRow, SegmentTotals } from "../queries.ts";
import type { Store } from "../store.ts";
import {
  DEFAULT_IPS_BENCHMARKS,
  FUNNEL_PHASES,
  type FunnelPhase,
  IPS_BAND_LABELS,
  type IpsBand,
  type IpsBenchmarks,
  ipsBand,
  type PhaseBenchmark,
  phaseScore,
} from "./benchmarks.ts";
import { ratio, segmentName, wholeDays } from "./common.ts";

export interface PhaseSegment {
  segment: string;
  name: string;
  state: BehaviourState;
  /** Sessions ever in the segment. */
  sessions: number;
  /** Dropped sessions (furthest phase = this one) that ended in the segment. */
  dropped: number;
}

export interface PhasePerformance {
  phase: FunnelPhase;
  label: string;
  entered: number;
  progressed: number;
  dropped: number;
  /** progressed / entered; null when nobody entered. */
  rate: number | null;
  /** 0–100; null when nobody entered. */
  score: number | null;
  band: IpsBand | null;
  benchmark: PhaseBenchmark;
  segments: PhaseSegment[];
  revenuePerProgressingSession: number | null;
  revenueAtStake: number;
}

export interface IpsReport {
  site: string;
  from: number;
  to: number;
  sessions: number;
  ips: number | null;
  band: IpsBand | null;
  bandLabel: string | null;
  phases: PhasePerformance[];
  /** The phase to start with (weakestPhase); null when no session dropped. */
  weakestPhase: FunnelPhase | null;
  /** The benchmarks are the shipped defaults (DEFAULT_IPS_BENCHMARKS), not the site's own. */
  defaultBenchmarks: boolean;
}

/**
 * The weakest phase: the most revenue at stake; with none anywhere, the most dropped sessions;
 * ties to the earlier phase; null when nobody dropped.
 */
export function weakestPhase(
  phases: readonly Pick<PhasePerformance, "phase" | "revenueAtStake" | "dropped">[],
): FunnelPhase | null {
  const money = phases.some((p) => p.revenueAtStake > 0);
  const key = (p: (typeof phases)[number]) => (money ? p.revenueAtStake : p.dropped);
  let best: (typeof phases)[number] | null = null;
  for (const p of phases) if (key(p) > 0 && (best === null || key(p) > key(best))) best = p;
  return best?.phase ?? null;
}

const sameBenchmarks = (a: IpsBenchmarks, b: IpsBenchmarks) =>
  FUNNEL_PHASES.every((p) => a[p].floor === b[p].floor && a[p].ceiling === b[p].ceiling);

export async function ipsReport(
  store: Store,
  p: Period,
  opts: { benchmarks?: IpsBenchmarks } = {},
): Promise<IpsReport> {
  p = await wholeDays(store, p);
  const [outcomes, totals, site] = await Promise.all([
    store.queries.phaseOutcomes(p),
    store.queries.frameworkTotals(p),
    opts.benchmarks ? Promise.resolve(null) : store.config.getSite(p.site),
  ]);
  const benchmarks = opts.benchmarks ?? site?.settings.ipsBenchmarks ?? DEFAULT_IPS_BENCHMARKS;
  return ipsOf(p, outcomes, totals, benchmarks);
}

/** The report from the period's phase outcomes and framework totals (no I/O). */
export function ipsOf(
  p: Period,
  outcomes: readonly PhaseOutcomeRow[],
  totals: SegmentTotals,
  benchmarks: IpsBenchmarks,
): IpsReport {
  const phaseIndex = (id: string) => (PHASES as readonly string[]).indexOf(id);
  const atLeast = (i: number, f: (r: (typeof outcomes)[number]) => number) =>
    outcomes.reduce((s, r) => s + (phaseIndex(r.phase) >= i ? f(r) : 0), 0);

  let weighted = 0;
  let weights = 0;
  const phases = FUNNEL_PHASES.map((phase, i): PhasePerformance => {
    const entered = atLeast(i, (r) => r.sessions);
    const progressed = atLeast(i + 1, (r) => r.sessions);
    const progressedRevenue = atLeast(i + 1, (r) => r.revenue);
    const dropped = entered - progressed;
    const rate = ratio(progressed, entered);
    const benchmark = benchmarks[phase];
    const score = rate === null ? null : phaseScore(rate, benchmark);
    if (score !== null) {
      weighted += score * entered;
      weights += entered;
    }
    const perProgressing = ratio(progressedRevenue, progressed);
    const segments = STATES.map((state, k): PhaseSegment => {
      const segment = FRAMEWORK_SEGMENT_IDS[i * 3 + k]!;
      return {
        segment,
        name: segmentName(segment),
        state,
        sessions: totals.segments.find((s) => s.segment === segment)?.sessions ?? 0,
        dropped: outcomes
          .filter((r) => r.phase === phase && r.segment === segment)
          .reduce((s, r) => s + r.sessions, 0),
      };
    });
    return {
      phase,
      label: PHASE_LABELS[phase],
      entered,
      progressed,
      dropped,
      rate,
      score,
      band: score === null ? null : ipsBand(score),
      benchmark,
      segments,
      revenuePerProgressingSession: perProgressing,
      revenueAtStake: dropped * (perProgressing ?? 0),
    };
  });
  const ips = weights === 0 ? null : weighted / weights;
  const band = ips === null ? null : ipsBand(ips);
  return {
    site: p.site,
    from: p.from,
    to: p.to,
    sessions: totals.total.sessions,
    ips,
    band,
    bandLabel: band === null ? null : IPS_BAND_LABELS[band],
    phases,
    weakestPhase: weakestPhase(phases),
    defaultBenchmarks: sameBenchmarks(benchmarks, DEFAULT_IPS_BENCHMARKS),
  };
}
