/**
 * Score bands against a site's own recent distribution (docs/product/engine.md#bands): Very Low <
 * p10 ≤ Low < p33 ≤ Medium < p66 ≤ High < p90 ≤ Very High. Probabilities live in [0, 1], so a fixed
 * histogram over log-odds is an exact-enough streaming quantile sketch with O(1) updates and
 * bounded memory; counts decay so "recent" traffic dominates. Cut points are recomputed every
 * RECOMPUTE_EVERY updates, keeping the per-event cost constant.
 */

const BINS = 400;
const LOGIT_MIN = -10;
const LOGIT_MAX = 10;
const RECOMPUTE_EVERY = 512;
/** Every DECAY_EVERY updates all counts are multiplied by DECAY (half-life ≈ 70k events). */
const DECAY_EVERY = 10_000;
const DECAY = 0.9;
export const QUANTILES = [0.1, 0.33, 0.66, 0.9] as const;
export type CutPoints = readonly [number, number, number, number];

export class BandSketch {
  static readonly MIN_SAMPLES = 2000;
  private readonly counts = new Float64Array(BINS);
  private total = 0;
  private updates = 0;
  private cuts: [number, number, number, number];

  constructor(readonly prior: CutPoints) {
    this.cuts = [...prior];
  }

  add(p: number): void {
    if (!(p > 0 && p < 1)) return; // 0 and 1 are certainties (after purchase), not a distribution
    const z = Math.log(p / (1 - p));
    const bin = Math.min(
      BINS - 1,
      Math.max(0, Math.floor(((z - LOGIT_MIN) / (LOGIT_MAX - LOGIT_MIN)) * BINS)),
    );
    this.counts[bin]! += 1;
    this.total += 1;
    this.updates += 1;
    if (this.updates % DECAY_EVERY === 0) {
      for (let i = 0; i < BINS; i++) this.counts[i]! *= DECAY;
      this.total *= DECAY;
    }
    if (this.updates % RECOMPUTE_EVERY === 0 && this.updates >= BandSketch.MIN_SAMPLES)
      this.recompute();
  }

  private recompute(): void {
    let acc = 0;
    let q = 0;
    for (let i = 0; i < BINS && q < QUANTILES.length; i++) {
      acc += this.counts[i]!;
      while (q < QUANTILES.length && acc >= QUANTILES[q]! * this.total) {
        const z = LOGIT_MIN + ((i + 1) / BINS) * (LOGIT_MAX - LOGIT_MIN);
        this.cuts[q] = 1 / (1 + Math.exp(-z));
        q++;
      }
    }
  }

  cutPoints(): CutPoints {
    return this.cuts;
  }

  observations(): number {
    return this.updates;
  }

  bandIndex(p: number): number {
    const c = this.cuts;
    return p < c[0] ? 0 : p < c[1] ? 1 : p < c[2] ? 2 : p < c[3] ? 3 : 4;
  }
}
