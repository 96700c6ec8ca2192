/**
 * JS errors and error clicks (docs/product/tag.md#signals): an uncaught error or unhandled
 * rejection is sent as
 * `js_error` with an FNV-1a hash of its message (no text, no stack; once per distinct message
 * and page); within ERROR_CLICK_MS after a click it is also an `error_click` on that target.
 */
import type { Module, Off } from "../types.ts";
import { targetOf } from "./clicks.ts";

export const ERROR_CLICK_MS = 2500;

const offs: Off[] = [];
const seen = new Set<string>();
let click: { t: number; target: string } | undefined;

/** FNV-1a 32-bit, hex. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

export const errors: Module = {
  start({ cfg, emit, listen }) {
    const fail = (message: unknown): void => {
      const hash = fnv1a(String(message));
      if (!seen.has(hash)) {
        seen.add(hash);
        emit({ type: "js_error", hash });
      }
      if (click && performance.now() - click.t <= cfg.errorClickMs) {
        emit({ type: "error_click", target: click.target });
        click = undefined;
      }
    };
    listen(
      document,
      "click",
      (e) => {
        click = { t: performance.now(), target: targetOf(e) };
      },
      offs,
    );
    // Resource load errors reach a capturing window listener too; they are not ErrorEvents.
    listen(window, "error", (e) => e instanceof ErrorEvent && fail(e.message), offs);
    listen<PromiseRejectionEvent>(
      window,
      "unhandledrejection",
      (e) => fail((e.reason as Error)?.message ?? e.reason),
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
  },
};
