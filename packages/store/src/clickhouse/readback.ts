/**
 * Stored sessions read back as SessionRows (exports, back-fills): the inverse of
 * schema.ts SESSION_COLUMNS. ClickHouse sends 64-bit integers as text and booleans as UInt8.
 */
import { SIGNALS, type Signal } from "@intently/engine";
import type { SessionRow } from "../rows.ts";
import type { Row } from "./client.ts";
import { SESSION_COLUMNS } from "./schema.ts";

/** The select list of a whole session row. */
export const SESSION_SELECT = SESSION_COLUMNS.filter((c) => c.name !== "visitor_key")
  .map((c) => c.name)
  .join(", ");

const text = (v: unknown) => String(v ?? "");
const textN = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => Number(v ?? 0);
const bool = (v: unknown) => Number(v) !== 0;
const texts = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

export function sessionFromRow(r: Row): SessionRow {
  const signals = {} as Record<Signal, number>;
  for (const s of SIGNALS) signals[s] = num(r[`sig_${s}`]);
  return {
    site: text(r.site),
    session: text(r.session),
    visitor: text(r.visitor),
    startedAt: num(r.started_at),
    lastEventAt: num(r.last_event_at),
    endedAt: num(r.ended_at),
    device: text(r.device),
    browser: text(r.browser),
    os: text(r.os),
    country: text(r.country),
    language: text(r.language),
    trafficSource: text(r.traffic_source),
    sourceName: text(r.source_name),
    medium: text(r.medium),
    campaign: text(r.campaign),
    landingPage: text(r.landing_page),
    landingPageType: text(r.landing_page_type),
    returning: bool(r.is_returning),
    previousSessions: num(r.previous_sessions),
    previousPurchases: num(r.previous_purchases),
    events: num(r.events),
    pageViews: num(r.page_views),
    productViews: num(r.product_views),
    searches: num(r.searches),
    cartAdds: num(r.cart_adds),
    stage: text(r.stage) as SessionRow["stage"],
    phase: text(r.phase) as SessionRow["phase"],
    state: text(r.state) as SessionRow["state"],
    intent: text(r.intent) as SessionRow["intent"],
    finalSegment: text(r.final_segment) as SessionRow["finalSegment"],
    frameworkSeen: num(r.framework_seen),
    persistedSegments: texts(r.persisted_segments),
    customSegments: texts(r.custom_segments),
    customFinal: texts(r.custom_final),
    xcInitial: num(r.xc_initial),
    xcFinal: num(r.xc_final),
    xcMax: num(r.xc_max),
    xatcInitial: num(r.xatc_initial),
    xatcFinal: num(r.xatc_final),
    xatcMax: num(r.xatc_max),
    xeInitial: num(r.xe_initial),
    xeFinal: num(r.xe_final),
    xeMax: num(r.xe_max),
    revenue: num(r.revenue),
    orders: num(r.orders),
    purchased: bool(r.purchased),
    addedToCart: bool(r.added_to_cart),
    bot: bool(r.bot),
    botReason: textN(r.bot_reason),
    identifiedHash: textN(r.identified_hash),
    experiments: texts(r.experiments),
    signals,
  };
}
