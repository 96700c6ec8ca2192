/**
 * The session summary every integration receives when a session ends (docs/product/activation.md#integrations): final and
 * persisted segments, scores, stage, phase, revenue, identified id (hashed where the site asks)
 * and timestamps. Built from the engine's final SessionState, before it is forgotten.
 */
import { createHash } from "node:crypto";
import {
  ABANDONING_SEGMENT_IDS,
  F,
  FRAMEWORK_SEGMENT_IDS,
  GA_CLIENT_PROP,
  GA_SESSION_PROP,
  gaClientIdOf,
  gaSessionIdOf,
  INTENT_LEVELS,
  PHASES,
  persistedOf,
  type SessionState,
  STAGES,
  STATES,
  segmentIndex,
} from "@intently/engine";

export const SUMMARY_VERSION = 1;

export interface ScorePair {
  final: number;
  max: number;
}

export interface SessionSummary {
  version: typeof SUMMARY_VERSION;
  site: string;
  session: string;
  visitor: string;
  /** The shop's id for the visitor (from intently.identify), or null. */
  identified: string | null;
  /** True when `identified` is SHA-256(salt + ":" + id), hex. */
  identifiedHashed: boolean;
  /** Epoch ms. */
  startedAt: number;
  lastEventAt: number;
  endedAt: number;
  /** Final framework segment. */
  segment: string;
  /** Custom segments matched at the end. */
  customSegments: string[];
  /** Every segment matched during the session: framework (canonical order), then custom. */
  persistedSegments: string[];
  scores: { xC: ScorePair; xATC: ScorePair; xE: ScorePair };
  stage: string;
  phase: string;
  state: string;
  intent: string;
  revenue: number;
  orders: number;
  purchased: boolean;
  currency: string;
  device: string;
  source: { type: string; name: string; medium: string; campaign: string };
  country: string;
  landingPage: string;
  experiments: { experiment: string; variant: string }[];
  /** GA client id from the `_ga` cookie value, when the session carries it. */
  gaClientId: string | null;
  /**
   * GA session ids from the `_ga_<container>` cookies, by container id (measurement id without
   * "G-"). Empty when the session carried none.
   */
  gaSessions: Record<string, string>;
  bot: boolean;
}

export interface SummaryOptions {
  /** Hash the identified id (the site's `hashIdentified` setting). */
  hashIdentified: boolean;
  /** The site's salt for that hash. */
  salt: string;
  currency: string;
}

export function hashIdentified(id: string, salt: string): string {
  return createHash("sha256").update(`${salt}:${id}`).digest("hex");
}

/**
 * Marks an identified id the collector has already keyed with the site's secret salt
 * (issue 22): what follows is `hashIdentified(id, salt)`, and it is never hashed again.
 */
export const KEYED_PREFIX = "h1:";

/** The collector's keying of an `identify` id, before anything is logged or stored. */
export const keyIdentity = (id: string, salt: string): string =>
  id.startsWith(KEYED_PREFIX) && id.length === KEYED_PREFIX.length + 64
    ? id
    : KEYED_PREFIX + hashIdentified(id, salt);

/** The summary's identified id: keyed ids as their hash; others hashed when the site asks. */
function identifiedOf(id: string, o: SummaryOptions): string {
  if (id.startsWith(KEYED_PREFIX)) return id.slice(KEYED_PREFIX.length);
  return o.hashIdentified ? hashIdentified(id, o.salt) : id;
}

/** Session properties that may carry the `_ga` cookie (the tag sends `ga_client_id`). */
const GA_PROPS = [GA_CLIENT_PROP, "_ga", "ga_cookie", "client_id"];

/**
 * GA session ids by container (the `_ga_<container>` cookie's suffix, i.e. the measurement id
 * without "G-"). A session id of unknown container is not kept: it may be another property's.
 */
function gaSessionsOf(props: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!props) return out;
  for (const [k, v] of Object.entries(props)) {
    const id = gaSessionIdOf(v);
    if (!id) continue;
    if (GA_SESSION_PROP.test(k)) out[k.slice(4)] = id;
  }
  return out;
}

function experimentsOf(pairs: readonly string[] | null): SessionSummary["experiments"] {
  return (pairs ?? []).map((p) => {
    const i = p.indexOf(":");
    return i < 0
      ? { experiment: p, variant: "" }
      : { experiment: p.slice(0, i), variant: p.slice(i + 1) };
  });
}

const ABANDONING = new Set<string>(ABANDONING_SEGMENT_IDS);

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The summary of an ended session. `settled`: its orders and revenue once per site (the store's
 * order ledger, issue 19), when they differ from the engine's per-session figures.
 */
export function summaryOf(
  s: SessionState,
  endedAt: number,
  o: SummaryOptions,
  settled?: { orders: number; revenue: number },
): SessionSummary {
  const n = s.n;
  let gaClientId: string | null = null;
  for (const k of GA_PROPS) {
    gaClientId ??= gaClientIdOf(s.props?.[k]);
  }
  const orders = settled?.orders ?? n[F.Purchases]!;
  const stage = STAGES[n[F.Stage]!]!;
  // A purchase wins over abandonment (issue 19): a buyer's payload names no abandoning segment
  // it passed through before buying.
  const bought = orders > 0 || stage === "post-purchase";
  const persisted = persistedOf(s);
  return {
    version: SUMMARY_VERSION,
    site: s.site,
    session: s.id,
    visitor: s.visitor,
    identified: s.identified ? identifiedOf(s.identified, o) : null,
    identifiedHashed:
      Boolean(s.identified) && (o.hashIdentified || s.identified!.startsWith(KEYED_PREFIX)),
    startedAt: n[F.StartT]!,
    lastEventAt: n[F.LastT]!,
    endedAt,
    segment: FRAMEWORK_SEGMENT_IDS[segmentIndex(s)]!,
    customSegments: [...(s.custom ?? [])],
    persistedSegments: bought ? persisted.filter((id) => !ABANDONING.has(id)) : persisted,
    scores: {
      xC: { final: round(n[F.XC]!), max: round(n[F.XCMax]!) },
      xATC: { final: round(n[F.XATC]!), max: round(n[F.XATCMax]!) },
      xE: { final: round(n[F.XE]!), max: round(n[F.XEMax]!) },
    },
    stage,
    phase: PHASES[n[F.Phase]!]!,
    state: STATES[n[F.State]!]!,
    intent: INTENT_LEVELS[n[F.Intent]!]!,
    revenue: round(settled?.revenue ?? n[F.Revenue]!, 2),
    orders,
    purchased: orders > 0,
    currency: o.currency,
    device: s.device,
    source: { type: s.source, name: s.sourceName, medium: s.medium, campaign: s.campaign },
    country: s.country,
    landingPage: s.landingPath,
    experiments: experimentsOf(s.experiments),
    gaClientId,
    gaSessions: gaSessionsOf(s.props),
    bot: s.bot !== null,
  };
}

/**
 * A purchase wins over abandonment (issue 19): a session that purchased or saw a confirmation
 * page was never abandoned, whatever it went through before.
 */
export function boughtOf(summary: SessionSummary): boolean {
  return summary.purchased || summary.stage === "post-purchase";
}

/**
 * Whether a summary is in any of the given segments (final or persisted); no filter = all. An
 * abandoning segment never matches a session that bought: no abandonment integration fires.
 */
export function inSegments(summary: SessionSummary, segments: readonly string[] | undefined) {
  if (!segments || segments.length === 0) return true;
  const bought = boughtOf(summary);
  return segments.some(
    (id) =>
      !(bought && ABANDONING.has(id)) &&
      (id === summary.segment ||
        summary.persistedSegments.includes(id) ||
        summary.customSegments.includes(id)),
  );
}
