/**
 * Devices: real-looking user-agent strings for the common browsers on Windows, macOS, iOS and
 * Android, with a viewport that matches the device class.
 */
import type { Random } from "../random.ts";

export type DeviceClass = "mobile" | "desktop" | "tablet";

export const DEVICE_MIX: Readonly<Record<DeviceClass, number>> = {
  mobile: 0.6,
  desktop: 0.35,
  tablet: 0.05,
};

export interface DeviceProfile {
  device: DeviceClass;
  ua: string;
  viewport: [number, number];
}

const CHROME = [124, 125, 126, 127, 128, 129, 130, 131];
const FIREFOX = [128, 130, 131, 132];
const IOS = ["17_4", "17_5", "17_6", "18_0", "18_1"];
const ANDROID = ["12", "13", "14", "15"];
const SAMSUNG_MODELS = ["SM-S911B", "SM-S921B", "SM-A546B", "SM-G991B"];
const SAMSUNG_BROWSER = ["24.0", "25.0", "26.0"];

type Template = (rng: Random) => string;
const iosVersion = (ios: string) => ios.replace("_", ".");

const MOBILE: Record<string, [number, Template]> = {
  iphoneSafari: [
    48,
    (r) => {
      const ios = r.pick(IOS);
      return `Mozilla/5.0 (iPhone; CPU iPhone OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${iosVersion(ios)} Mobile/15E148 Safari/604.1`;
    },
  ],
  iphoneChrome: [
    6,
    (r) =>
      `Mozilla/5.0 (iPhone; CPU iPhone OS ${r.pick(IOS)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/${r.pick(CHROME)}.0.6478.54 Mobile/15E148 Safari/604.1`,
  ],
  androidChrome: [
    32,
    (r) =>
      `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.pick(CHROME)}.0.0.0 Mobile Safari/537.36`,
  ],
  samsung: [
    11,
    (r) =>
      `Mozilla/5.0 (Linux; Android ${r.pick(ANDROID)}; ${r.pick(SAMSUNG_MODELS)}) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/${r.pick(SAMSUNG_BROWSER)} Chrome/122.0.0.0 Mobile Safari/537.36`,
  ],
  androidFirefox: [
    3,
    (r) => {
      const v = r.pick(FIREFOX);
      return `Mozilla/5.0 (Android ${r.pick(ANDROID)}; Mobile; rv:${v}.0) Gecko/${v}.0 Firefox/${v}.0`;
    },
  ],
};

const DESKTOP: Record<string, [number, Template]> = {
  chromeWindows: [46, (r) => chromeOn("Windows NT 10.0; Win64; x64", r)],
  edgeWindows: [
    14,
    (r) => `${chromeOn("Windows NT 10.0; Win64; x64", r)} Edg/${r.pick(CHROME)}.0.0.0`,
  ],
  firefoxWindows: [7, (r) => firefoxOn("Windows NT 10.0; Win64; x64", r)],
  safariMac: [16, () => macSafari()],
  chromeMac: [13, (r) => chromeOn("Macintosh; Intel Mac OS X 10_15_7", r)],
  firefoxMac: [4, (r) => firefoxOn("Macintosh; Intel Mac OS X 10.15", r)],
};

const TABLET: Record<string, [number, Template]> = {
  ipad: [
    65,
    (r) => {
      const ios = r.pick(IOS);
      return `Mozilla/5.0 (iPad; CPU OS ${ios} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${iosVersion(ios)} Mobile/15E148 Safari/604.1`;
    },
  ],
  galaxyTab: [
    35,
    (r) =>
      `Mozilla/5.0 (Linux; Android ${r.pick(ANDROID)}; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.pick(CHROME)}.0.0.0 Safari/537.36`,
  ],
};

function chromeOn(platform: string, r: Random): string {
  return `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.pick(CHROME)}.0.0.0 Safari/537.36`;
}

function firefoxOn(platform: string, r: Random): string {
  const v = r.pick(FIREFOX);
  return `Mozilla/5.0 (${platform}; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`;
}

function macSafari(): string {
  return "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15";
}

/** Inner window sizes (CSS px) seen on each device class. */
const VIEWPORTS: Record<DeviceClass, [number, number][]> = {
  mobile: [
    [390, 844],
    [393, 852],
    [430, 932],
    [375, 667],
    [360, 800],
    [412, 915],
    [384, 854],
  ],
  desktop: [
    [1920, 945],
    [1536, 730],
    [1440, 789],
    [1366, 657],
    [1280, 720],
    [2560, 1305],
  ],
  tablet: [
    [820, 1180],
    [768, 1024],
    [800, 1280],
    [834, 1194],
  ],
};

const TEMPLATES: Record<DeviceClass, Record<string, [number, Template]>> = {
  mobile: MOBILE,
  desktop: DESKTOP,
  tablet: TABLET,
};

function pickTemplate(rng: Random, table: Record<string, [number, Template]>): Template {
  const weights: Record<string, number> = {};
  for (const [k, [w]] of Object.entries(table)) weights[k] = w;
  return table[rng.weighted(weights)]![1];
}

export function pickDevice(
  rng: Random,
  device: DeviceClass = rng.weighted(DEVICE_MIX),
): DeviceProfile {
  const ua = pickTemplate(rng, TEMPLATES[device])(rng);
  const [w, h] = rng.pick(VIEWPORTS[device]);
  return { device, ua, viewport: [w, h] };
}

/** A desktop Chrome profile (used by scrapers that pretend to be people). */
export function desktopChrome(rng: Random): DeviceProfile {
  return {
    device: "desktop",
    ua: chromeOn("Windows NT 10.0; Win64; x64", rng),
    viewport: [1920, 945],
  };
}
