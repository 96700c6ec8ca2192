/**
 * Ended sessions → summaries → outbox messages, one per enabled destination that wants the
 * session. Committing them is the only thing done before any send (the outbox's promise).
 */
import type { SessionState } from "@intently/engine";
import { DEFAULT_SITE_SETTINGS, type NewOutboxMessage, type Store } from "@intently/store";
import { openIntegration } from "./config.ts";
import { connectorOf } from "./connectors/index.ts";
import type { SecretBox } from "./secrets.ts";
import { type SessionSummary, type SummaryOptions, summaryOf } from "./summary.ts";

/** Site settings this package reads beside the store's typed ones. */
export interface IntegrationSiteSettings {
  /** End a purchased session this long after the purchase (0: only by inactivity). */
  endAfterPurchaseMs?: number;
  /** Salt of the identified-id hash; default: derived from the server's secret key. */
  identifiedSalt?: string;
}

export const DEFAULT_END_AFTER_PURCHASE_MS = 10 * 60_000;

export function idempotencyKey(site: string, session: string, destination: string): string {
  return `${site}:${session}:${destination}`;
}

/** The site's secret salt for identified ids: its own setting, else derived from the key. */
export function identitySalt(box: SecretBox, site: string, settings: object): string {
  return (
    (settings as IntegrationSiteSettings).identifiedSalt || box.derive(`identified-salt:${site}`)
  );
}

export async function siteSettingsOf(
  store: Store,
  box: SecretBox,
  site: string,
): Promise<SummaryOptions & { endAfterPurchaseMs: number }> {
  const s = (await store.config.getSite(site))?.settings ?? DEFAULT_SITE_SETTINGS;
  const extra = s as unknown as IntegrationSiteSettings;
  return {
    hashIdentified: s.hashIdentified,
    salt: identitySalt(box, site, s),
    currency: s.currency,
    endAfterPurchaseMs:
      typeof extra.endAfterPurchaseMs === "number"
        ? extra.endAfterPurchaseMs
        : DEFAULT_END_AFTER_PURCHASE_MS,
  };
}

export async function summariesOf(
  store: Store,
  box: SecretBox,
  ended: readonly SessionState[],
  at: number,
): Promise<SessionSummary[]> {
  const settings = new Map<string, SummaryOptions>();
  const out: SessionSummary[] = [];
  for (const s of ended) {
    let o = settings.get(s.site);
    if (!o) {
      o = await siteSettingsOf(store, box, s.site);
      settings.set(s.site, o);
    }
    out.push(summaryOf(s, at, o, store.orders?.settled(s.site, s.id)));
  }
  return out;
}

/**
 * Commits one message per (summary, destination) the destination accepts. Bots are never
 * sent. Returns the number of messages added (already-present keys are skipped).
 */
export async function enqueueSummaries(
  store: Store,
  box: SecretBox,
  summaries: readonly SessionSummary[],
  now: number,
): Promise<number> {
  const messages: NewOutboxMessage[] = [];
  const bySite = new Map<string, SessionSummary[]>();
  for (const s of summaries) {
    if (s.bot) continue;
    const list = bySite.get(s.site);
    if (list) list.push(s);
    else bySite.set(s.site, [s]);
  }
  for (const [site, list] of bySite) {
    for (const row of await store.config.listIntegrations(site)) {
      const connector = connectorOf(row.kind);
      if (!row.enabled || !connector) continue;
      let config: unknown;
      try {
        config = openIntegration(box, row).config;
      } catch {
        continue; // unusable configuration: nothing can be sent to it until it is fixed
      }
      for (const s of list) {
        if (!connector.accepts(s, config)) continue;
        messages.push({
          key: idempotencyKey(site, s.session, row.id),
          site,
          destination: row.id,
          payload: JSON.stringify(s),
        });
      }
    }
  }
  return messages.length === 0 ? 0 : store.outbox.enqueue(messages, now);
}
