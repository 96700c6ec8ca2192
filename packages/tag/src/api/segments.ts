/** `intently.segments`: current, persisted, matches (synchronous) and whenMatched (Promise). */
import { on, snap } from "../core/state.ts";

export const WHEN_MATCHED_TIMEOUT_MS = 10_000;

export const segments = {
  current: (): string[] => snap.segments.slice(),
  persisted: (): string[] => snap.persisted.slice(),
  matches: (id: string): boolean => snap.segments.includes(id),
  whenMatched(id: string, opts?: { timeoutMs?: number }): Promise<boolean> {
    return new Promise((resolve) => {
      if (snap.segments.includes(id)) return resolve(true);
      const done = (v: boolean): void => {
        stop();
        clearTimeout(timer);
        resolve(v);
      };
      const stop = on("segment:enter", (d: { segment: string }) => d.segment === id && done(true));
      const timer = setTimeout(done, opts?.timeoutMs ?? WHEN_MATCHED_TIMEOUT_MS, false);
    });
  },
};
