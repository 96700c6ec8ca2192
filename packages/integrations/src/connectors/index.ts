/** The delivery connectors by integration kind (exports are scheduled, see ../export.ts). */
import { ga4 } from "./ga4.ts";
import { klaviyo } from "./klaviyo.ts";
import type { Connector } from "./types.ts";
import { webhook } from "./webhook.ts";

export const CONNECTORS: Readonly<Record<string, Connector<unknown>>> = {
  webhook: webhook as Connector<unknown>,
  klaviyo: klaviyo as Connector<unknown>,
  ga4: ga4 as Connector<unknown>,
};

export function connectorOf(kind: string): Connector<unknown> | undefined {
  return Object.hasOwn(CONNECTORS, kind) ? CONNECTORS[kind] : undefined;
}
