/**
 * Whole simulated sessions in start order: when each starts (diurnal curve), which persona,
 * which visitor (new or returning), how it arrived, the persona's events, the context the tag
 * would send and the ground truth.
 */
import type { Context, Event, Truth } from "@intently/engine";
import { createCatalogue } from "./catalogue.ts";
import { arrive } from "./context/traffic.ts";
import { DEFAULT_MIX, PERSONA_SCRIPTS, PERSONAS, type PersonaId } from "./personas/index.ts";
import { deriveSeed, Random } from "./random.ts";
import { sessionStarts } from "./schedule.ts";
import { SessionBuilder } from "./session/builder.ts";
import { VisitorPool, type VisitorRecord } from "./visitors.ts";

export const DEFAULT_SITE = "demo";
/** 2024-11-04T00:00:00Z, a Monday. */
export const DEFAULT_START = Date.UTC(2024, 10, 4);
export const DEFAULT_DAYS = 7;
export const DEFAULT_ORIGIN = "https://shop.example";
/** Share of sessions enrolled in the checkout experiment (they see it if they reach checkout). */
export const EXPERIMENT_SHARE = 0.5;

export interface SimulateOptions {
  sessions: number;
  seed: number;
  site?: string;
  /** Epoch ms of the first possible session start. */
  start?: number;
  days?: number;
  /** Persona weights, merged over DEFAULT_MIX (set a persona to 0 to leave it out). */
  mix?: Partial<Record<PersonaId, number>>;
  /** Origin of the shop's page URLs. */
  origin?: string;
}

export interface SimulatedSession {
  site: string;
  visitor: string;
  session: string;
  persona: PersonaId;
  start: number;
  end: number;
  context: Context;
  truth: Truth;
  events: Event[];
}

export function resolveMix(mix: SimulateOptions["mix"] = {}): Record<PersonaId, number> {
  const merged = { ...DEFAULT_MIX } as Record<PersonaId, number>;
  for (const id of PERSONAS) {
    const w = mix[id];
    if (w === undefined) continue;
    if (!(Number.isFinite(w) && w >= 0)) throw new RangeError(`mix.${id} must be a number ≥ 0`);
    merged[id] = w;
  }
  for (const key of Object.keys(mix)) {
    if (!(PERSONAS as readonly string[]).includes(key))
      throw new RangeError(`unknown persona ${key}`);
  }
  if (!(PERSONAS.reduce((s, id) => s + merged[id], 0) > 0)) throw new RangeError("mix sums to 0");
  return merged;
}

function contextOf(v: VisitorRecord, b: SessionBuilder): Context {
  const ctx: Context = {
    url: b.landingUrl ?? b.origin,
    lang: v.geo.lang,
    viewport: v.device.viewport,
    tz: v.geo.tz,
    ua: v.device.ua,
    country: v.geo.country,
    previousSessions: v.sessions,
    previousPurchases: v.purchases,
  };
  if (b.arrival.referrer) ctx.referrer = b.arrival.referrer;
  const out = ctx as Record<string, unknown>;
  for (const [k, val] of Object.entries(b.overrides)) {
    if (val === undefined) delete out[k];
    else out[k] = val;
  }
  return ctx;
}

export function* simulateSessions(opts: SimulateOptions): Generator<SimulatedSession> {
  const count = Math.floor(opts.sessions);
  if (!(count >= 0)) throw new RangeError("sessions must be ≥ 0");
  if (!Number.isFinite(opts.seed)) throw new RangeError("seed must be a finite number");
  const days = opts.days ?? DEFAULT_DAYS;
  if (!(days > 0)) throw new RangeError("days must be > 0");
  const site = opts.site ?? DEFAULT_SITE;
  const origin = opts.origin ?? DEFAULT_ORIGIN;
  const mix = resolveMix(opts.mix);
  const catalogue = createCatalogue(deriveSeed(opts.seed, 1));
  const rng = new Random(deriveSeed(opts.seed, 2));
  const visitors = new VisitorPool();
  let n = 0;
  for (const start of sessionStarts(
    new Random(deriveSeed(opts.seed, 3)),
    count,
    opts.start ?? DEFAULT_START,
    days,
  )) {
    n += 1;
    const persona = PERSONA_SCRIPTS[rng.weighted(mix)];
    const visitor = visitors.visit(rng, persona.id, persona.returning, start);
    const srng = new Random(deriveSeed(opts.seed, 4, n));
    const arrival = arrive(srng, srng.weighted(persona.sources));
    const variant = persona.id !== "bot" && srng.chance(EXPERIMENT_SHARE) ? visitor.variant : null;
    const b = new SessionBuilder(
      srng,
      catalogue,
      origin,
      start,
      visitor.device.device,
      arrival,
      `ORD-${n}`,
      variant,
    );
    persona.run(b, {
      id: visitor.id,
      previousSessions: visitor.sessions,
      previousPurchases: visitor.purchases,
      tier: visitor.tier,
    });
    const context = contextOf(visitor, b);
    const end = b.events[b.events.length - 1]?.t ?? start;
    visitors.finish(visitor, end, b.purchased);
    const bot = persona.id === "bot";
    yield {
      site,
      visitor: visitor.id,
      session: `s_${n}`,
      persona: persona.id,
      start,
      end,
      context,
      truth: {
        persona: persona.id,
        purchased: b.purchased,
        addedToCart: b.addedToCart,
        struggled: !bot && b.struggled,
        bot,
      },
      events: b.events,
    };
  }
}
