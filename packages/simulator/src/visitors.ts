/**
 * Visitors: new ones, and returning ones who keep their device, location, history and
 * experiment variant across sessions. Only a bounded window of recent visitors can return, so
 * memory stays flat however many sessions are simulated.
 */
import { type DeviceProfile, pickDevice } from "./context/devices.ts";
import { type Geo, pickGeo } from "./context/geo.ts";
import type { CustomerTier, PersonaId } from "./personas/index.ts";
import { mix32, type Random } from "./random.ts";
import type { Variant } from "./session/builder.ts";

/** Recent visitors that may come back (a ring buffer). */
export const RETURN_POOL = 5000;
export const LOYAL_POOL = 2000;
/** A visitor's next session starts at least this long after the previous one ended. */
export const SESSION_GAP_MS = 30 * 60_000;
/** Chance that a loyal-customer session is by a loyal visitor already seen in this run. */
const LOYAL_REPEAT = 0.5;
const PICK_TRIES = 4;

export interface VisitorRecord {
  id: string;
  device: DeviceProfile;
  geo: Geo;
  sessions: number;
  purchases: number;
  tier: CustomerTier;
  variant: Variant;
  busyUntil: number;
}

class Ring {
  private readonly items: VisitorRecord[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {}

  add(v: VisitorRecord): void {
    if (this.items.length < this.capacity) this.items.push(v);
    else this.items[this.next] = v;
    this.next = (this.next + 1) % this.capacity;
  }

  /** A visitor free at time `t`, or undefined. */
  pick(rng: Random, t: number): VisitorRecord | undefined {
    if (this.items.length === 0) return undefined;
    for (let i = 0; i < PICK_TRIES; i++) {
      const v = this.items[rng.int(this.items.length)]!;
      if (v.busyUntil <= t) return v;
    }
    return undefined;
  }
}

export class VisitorPool {
  private count = 0;
  private readonly recent = new Ring(RETURN_POOL);
  private readonly loyal = new Ring(LOYAL_POOL);

  /** The visitor of a session starting at `t`. */
  visit(rng: Random, persona: PersonaId, returning: number, t: number): VisitorRecord {
    if (persona === "bot") return this.fresh(rng);
    if (persona === "returning-loyal-customer") {
      const known = rng.chance(LOYAL_REPEAT) ? this.loyal.pick(rng, t) : undefined;
      if (known) return known;
      const v = this.fresh(rng);
      // History from before the simulated period.
      v.sessions = rng.range(2, 30);
      v.purchases = rng.range(1, Math.min(v.sessions, 12));
      v.tier = v.purchases >= 5 ? "gold" : "silver";
      this.loyal.add(v);
      return v;
    }
    const known = rng.chance(returning) ? this.recent.pick(rng, t) : undefined;
    if (known) return known;
    const v = this.fresh(rng);
    this.recent.add(v);
    return v;
  }

  /** Records a finished session in the visitor's history. */
  finish(v: VisitorRecord, end: number, purchased: boolean): void {
    v.sessions += 1;
    if (purchased) v.purchases += 1;
    if (v.tier === "none" && v.purchases >= 2) v.tier = "silver";
    v.busyUntil = end + SESSION_GAP_MS;
  }

  private fresh(rng: Random): VisitorRecord {
    this.count += 1;
    return {
      id: `v_${this.count}`,
      device: pickDevice(rng),
      geo: pickGeo(rng),
      sessions: 0,
      purchases: 0,
      tier: "none",
      variant: mix32(this.count) & 1 ? "treatment" : "control",
      busyUntil: 0,
    };
  }
}
