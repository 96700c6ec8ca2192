/**
 * The site's consent settings, enforced by the collector whatever sent the batch (issue 22):
 * with "require consent" on, only batches that carry `consent: true` (the visitor said yes on
 * the page) are stored; with "honour GPC" on, a request sent with `Sec-GPC: 1` is stored only
 * when it carries `consent: true` as well (a specific opt-in after the general signal). Any
 * other batch is answered 202 `{stop}`, stored nowhere (not logged, not applied, not counted
 * for idempotency), and the tag stops capturing and clears its storage on that answer.
 */
import type { Batch } from "@intently/engine";
import type { SiteSettings } from "@intently/store";
import type { Headers } from "./prepare.ts";

/** Status of the answer that tells the tag to stop: 2xx, so nothing retries it. */
export const STOP_STATUS = 202;

export type StopReason = "consent-required" | "gpc" | "erased";

export interface StopBody {
  stop: StopReason;
  stored: false;
  message: string;
}

const MESSAGES: Record<StopReason, string> = {
  "consent-required":
    "This site stores data only after the visitor's consent: send consent: true once given.",
  gpc: "This site honours Global Privacy Control and the request carries Sec-GPC: 1.",
  erased: "This visitor's data was erased: its id is not used again.",
};

/** The answer body for a stop reason. */
export const stopBody = (reason: StopReason): StopBody => ({
  stop: reason,
  stored: false,
  message: MESSAGES[reason],
});

/** The Sec-GPC request header (https://privacycg.github.io/gpc-spec/): exactly "1" means on. */
export function gpcOn(h: Headers): boolean {
  const v = h["sec-gpc"];
  return (Array.isArray(v) ? v[0] : v)?.trim() === "1";
}

/** Why the site's settings forbid storing this batch, or null when they allow it. */
export function consentStop(
  settings: Pick<SiteSettings, "requireConsent" | "honourGpc">,
  batch: Pick<Batch, "consent">,
  h: Headers,
): StopBody | null {
  if (batch.consent === true) return null;
  const reason: StopReason | null = settings.requireConsent
    ? "consent-required"
    : settings.honourGpc && gpcOn(h)
      ? "gpc"
      : null;
  return reason ? stopBody(reason) : null;
}
