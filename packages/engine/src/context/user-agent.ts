/**
 * Device, browser and OS from the user agent, with Bowser (MIT, well kept; ua-parser-js v2 is
 * AGPL, which an Apache-licensed product should not pull in). Results are memoised per UA string:
 * a site sees few distinct user agents, and parsing is the costliest step of a session start.
 */
import Bowser from "bowser";

export const DEVICE_TYPES = ["desktop", "mobile", "tablet", "tv", "bot", "other"] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export interface UserAgentInfo {
  device: DeviceType;
  browser: string;
  os: string;
}

const CACHE_LIMIT = 2000;
const cache = new Map<string, UserAgentInfo>();

export function parseUserAgent(
  ua: string | undefined,
  viewport?: readonly number[],
): UserAgentInfo {
  const key = ua ?? "";
  const hit = cache.get(key);
  if (hit) return withViewport(hit, viewport);
  let info: UserAgentInfo = { device: "other", browser: "", os: "" };
  if (key) {
    try {
      const r = Bowser.parse(key);
      const platform = r.platform.type;
      const device: DeviceType =
        platform === "mobile" ||
        platform === "tablet" ||
        platform === "desktop" ||
        platform === "tv"
          ? platform
          : platform === "bot"
            ? "bot"
            : "other";
      info = { device, browser: r.browser.name ?? "", os: r.os.name ?? "" };
    } catch {
      // A malformed UA is just "other".
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, info);
  return withViewport(info, viewport);
}

/** With no usable UA, fall back to the viewport width (phones < 768 px, tablets < 1024 px). */
function withViewport(info: UserAgentInfo, viewport?: readonly number[]): UserAgentInfo {
  if (info.device !== "other" || !viewport || !viewport[0]) return info;
  const w = viewport[0];
  return { ...info, device: w < 768 ? "mobile" : w < 1024 ? "tablet" : "desktop" };
}
