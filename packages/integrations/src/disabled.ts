/**
 * An endpoint disabled by delivery (a webhook that answered 410 Gone, as Standard Webhooks
 * asks). The store's integration row has no column for it: the integration is set to
 * `enabled: false` and the reason kept in its configuration JSON under DISABLED_FIELD. Each
 * kind's validation keeps only its own fields, so saving the integration again (the dashboard's
 * Save or Enable) drops the mark; `redact` lifts it out of the configuration the API shows.
 */
import type { Integration, Store } from "@intently/store";

export const DISABLED_FIELD = "deliveryDisabled";

export interface DeliveryDisabled {
  /** Why, in a sentence ("the endpoint answered 410 Gone"). */
  reason: string;
  at: number;
}

/** The mark on a stored integration, or null. */
export function disabledOf(i: Integration): DeliveryDisabled | null {
  const v = (i.config as Record<string, unknown> | null)?.[DISABLED_FIELD] as
    | Partial<DeliveryDisabled>
    | undefined;
  if (!v || typeof v.reason !== "string" || typeof v.at !== "number") return null;
  return { reason: v.reason, at: v.at };
}

/** Disables an integration for delivery; false when it is gone or already paused. */
export async function disableIntegration(
  store: Store,
  id: string,
  reason: string,
  at: number,
): Promise<boolean> {
  const row = await store.config.getIntegration(id);
  if (!row?.enabled) return false;
  const mark: DeliveryDisabled = { reason, at };
  await store.config.saveIntegration({
    id: row.id,
    site: row.site,
    kind: row.kind,
    name: row.name,
    config: { ...(row.config as Record<string, unknown>), [DISABLED_FIELD]: mark },
    enabled: false,
  });
  return true;
}
