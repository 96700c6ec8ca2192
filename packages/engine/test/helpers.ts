import type { EngineOptions } from "../src/engine.ts";
import { Engine, type Event, type SessionRef, type SessionUpdate } from "../src/index.ts";

export const T0 = Date.UTC(2026, 10, 2, 10, 0, 0);
export const DESKTOP_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
export const IPHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

export function ref(
  session = "s1",
  context: SessionRef["context"] = { ua: DESKTOP_UA },
): SessionRef {
  return { site: "test", visitor: `v-${session}`, session, context };
}

/** Shorthand builders; `t` is seconds after T0. */
export const at = (sec: number) => T0 + sec * 1000;
export const pv = (sec: number, path: string, type?: string, category?: string): Event =>
  ({
    type: "page_view",
    t: at(sec),
    page: { url: `https://shop.test${path}`, type, category },
  }) as Event;
export const ev = (sec: number, type: string, extra: Record<string, unknown> = {}): Event =>
  ({ type, t: at(sec), ...extra }) as Event;

/** Runs events through a fresh engine; returns every update. */
export function run(
  events: Event[],
  options?: EngineOptions,
  r: SessionRef = ref(),
): SessionUpdate[] {
  const engine = new Engine(options);
  return events.map((e) => engine.process(r, e));
}

export function last<T>(xs: T[]): T {
  const x = xs[xs.length - 1];
  if (x === undefined) throw new Error("empty");
  return x;
}
