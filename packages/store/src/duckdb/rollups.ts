/**
 * Write-time rollups: additive aggregates of non-bot sessions by site and session start day
 * (the site's local day, see site-zones.ts), so reports read a few hundred rows instead of millions. Contributions are computed
 * here, in one place, with a sign: +1 when rows are written, −1 when they are deleted
 * (retention, erasure), so every rollup stays equal to what a scan of the raw tables gives.
 * A session's intervals must reach the store in one batch (the recorder writes them together)
 * for the pair rollups to see them together.
 *
 * - segment_daily: per segment ever in (and "*" = all sessions): sessions, conversions,
 *   orders, revenue, Σ final xC, Σ max xC, frustrated sessions, per signal Σ count and sessions.
 * - dimension_daily: per segment (and "*") × breakdown dimension × key: sessions, conversions,
 *   revenue.
 * - phase_daily: per furthest phase × final framework segment: sessions, revenue.
 * - flow_daily: per segment × segment before × segment after: stays.
 * - pair_daily: per pair of segments (a < b): sessions ever in both, sessions in both at the
 *   same moment, and the summed time in both (ms).
 */
import { SIGNALS, STRUGGLE_SIGNALS } from "@intently/engine";
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from "../queries.ts";
import type { IntervalRow, SessionRow } from "../rows.ts";
import type { SiteDays } from "./site-zones.ts";

export type RollupSession = Pick<
  SessionRow,
  | "site"
  | "startedAt"
  | "bot"
  | "purchased"
  | "orders"
  | "revenue"
  | "xcFinal"
  | "xcMax"
  | "signals"
  | "persistedSegments"
  | "phase"
  | "finalSegment"
  | "device"
  | "trafficSource"
  | "landingPageType"
  | "country"
  | "returning"
>;

export type RollupInterval = Pick<
  IntervalRow,
  | "site"
  | "session"
  | "sessionStart"
  | "segment"
  | "enteredAt"
  | "exitedAt"
  | "prevSegment"
  | "nextSegment"
  | "bot"
>;

/** The "segment" of rollup rows over all sessions. */
export const ALL = "*";

const SEP = "\u0000";
const SEGMENT_FIELDS = 7 + 2 * SIGNALS.length;

const dimensionKey: Record<BreakdownDimension, (s: RollupSession) => string> = {
  device: (s) => s.device,
  trafficSource: (s) => s.trafficSource,
  landingPageType: (s) => s.landingPageType,
  country: (s) => s.country,
  visitorType: (s) => (s.returning ? "returning" : "new"),
};

function add(map: Map<string, number[]>, key: string, values: readonly number[]): void {
  const cur = map.get(key);
  if (!cur) map.set(key, [...values]);
  else for (let i = 0; i < values.length; i++) cur[i]! += values[i]!;
}

/** Accumulates contributions; `rows()` gives the rows to append, keyed columns first. */
export class Rollups {
  readonly segment = new Map<string, number[]>();
  readonly dimension = new Map<string, number[]>();
  readonly phase = new Map<string, number[]>();
  readonly flow = new Map<string, number[]>();
  readonly pair = new Map<string, number[]>();

  /** `days`: the local day of a session start at a site (the site's time zone). */
  constructor(private readonly days: SiteDays) {}

  addSessions(rows: readonly RollupSession[], sign: 1 | -1): void {
    const v = new Array<number>(SEGMENT_FIELDS);
    for (const s of rows) {
      if (s.bot) continue;
      const day = this.days.dayOf(s.site, s.startedAt);
      let frustrated = 0;
      for (const sig of STRUGGLE_SIGNALS) if ((s.signals[sig] ?? 0) > 0) frustrated = 1;
      v[0] = sign;
      v[1] = s.purchased ? sign : 0;
      v[2] = sign * s.orders;
      v[3] = sign * s.revenue;
      v[4] = sign * s.xcFinal;
      v[5] = sign * s.xcMax;
      v[6] = sign * frustrated;
      SIGNALS.forEach((sig, i) => {
        const c = s.signals[sig] ?? 0;
        v[7 + 2 * i] = sign * c;
        v[8 + 2 * i] = c > 0 ? sign : 0;
      });
      const out = [v[0]!, v[1]!, sign * s.revenue];
      for (const seg of [ALL, ...s.persistedSegments]) {
        const k = `${s.site}${SEP}${day}${SEP}${seg}`;
        add(this.segment, k, v);
        for (const d of BREAKDOWN_DIMENSIONS)
          add(this.dimension, `${k}${SEP}${d}${SEP}${dimensionKey[d](s)}`, out);
      }
      add(this.phase, `${s.site}${SEP}${day}${SEP}${s.phase}${SEP}${s.finalSegment}`, [
        sign,
        sign * s.revenue,
      ]);
    }
  }

  /** `rows` grouped by session in any order; a session's rows must all be in this call. */
  addIntervals(rows: readonly RollupInterval[], sign: 1 | -1): void {
    const bySession = new Map<string, RollupInterval[]>();
    for (const iv of rows) {
      if (iv.bot) continue;
      const k = `${iv.site}${SEP}${iv.session}`;
      const list = bySession.get(k);
      if (list) list.push(iv);
      else bySession.set(k, [iv]);
      const day = this.days.dayOf(iv.site, iv.sessionStart);
      const flowKey = [iv.site, day, iv.segment, iv.prevSegment ?? "", iv.nextSegment ?? ""];
      add(this.flow, flowKey.join(SEP), [sign]);
    }
    for (const list of bySession.values()) this.addPairs(list, sign);
  }

  private addPairs(list: RollupInterval[], sign: 1 | -1): void {
    const bySegment = new Map<string, RollupInterval[]>();
    for (const iv of list) {
      const l = bySegment.get(iv.segment);
      if (l) l.push(iv);
      else bySegment.set(iv.segment, [iv]);
    }
    const segs = [...bySegment.keys()].sort();
    const first = list[0]!;
    const prefix = `${first.site}${SEP}${this.days.dayOf(first.site, first.sessionStart)}${SEP}`;
    for (let i = 0; i < segs.length; i++) {
      for (let j = i + 1; j < segs.length; j++) {
        let ms = 0;
        let concurrent = false;
        for (const x of bySegment.get(segs[i]!)!) {
          for (const y of bySegment.get(segs[j]!)!) {
            // Stays are [entered, exited): they overlap when each starts before the other ends.
            if (x.enteredAt < y.exitedAt && y.enteredAt < x.exitedAt) {
              concurrent = true;
              ms += Math.min(x.exitedAt, y.exitedAt) - Math.max(x.enteredAt, y.enteredAt);
            }
          }
        }
        add(this.pair, `${prefix}${segs[i]}${SEP}${segs[j]}`, [
          sign,
          concurrent ? sign : 0,
          sign * ms,
        ]);
      }
    }
  }

  get size(): number {
    return (
      this.segment.size + this.dimension.size + this.phase.size + this.flow.size + this.pair.size
    );
  }
}

/** Splits a rollup key back into its parts (day as a number, "" as null for flow ends). */
export function keyParts(key: string): string[] {
  return key.split(SEP);
}
