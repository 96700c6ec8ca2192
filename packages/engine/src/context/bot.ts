/**
 * Bot and crawler detection: the isbot user-agent list (well kept, used widely) plus behaviour
 * that user agents cannot hide. Flagged sessions keep a framework segment but are excluded from
 * scoring and reports.
 */
import { isbot } from "isbot";

export type BotReason = "user-agent" | "webdriver" | "speed" | "no-interaction";

/** Behaviour thresholds (named defaults, configurable through EngineOptions). */
export const BOT_DEFAULTS = {
  /** Page views at which behaviour is judged. */
  minPageViews: 8,
  /** Mean time per page below this, with no pointer or scroll activity, is not a person. */
  maxMsPerPageWithoutInteraction: 2000,
  /** More page views than this within one minute is a crawler whatever else it does. */
  maxPageViewsPerMinute: 40,
};
export type BotThresholds = typeof BOT_DEFAULTS;

export function botByUserAgent(
  ua: string | undefined,
  webdriver: boolean | undefined,
): BotReason | null {
  if (webdriver) return "webdriver";
  if (ua && isbot(ua)) return "user-agent";
  return null;
}

export function botByBehaviour(
  pageViews: number,
  interactions: number,
  elapsedMs: number,
  pageViewsLastMinute: number,
  th: BotThresholds = BOT_DEFAULTS,
): BotReason | null {
  if (pageViewsLastMinute > th.maxPageViewsPerMinute) return "speed";
  if (
    pageViews >= th.minPageViews &&
    interactions === 0 &&
    elapsedMs / pageViews < th.maxMsPerPageWithoutInteraction
  )
    return "no-interaction";
  return null;
}
