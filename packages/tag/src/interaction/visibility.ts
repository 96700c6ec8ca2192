/**
 * Page lifecycle: `tab_hidden` / `tab_visible`, and at page hide the page's engagement (time on
 * page, scroll depth) and a flush that sends every waiting batch. On navigation `pagehide` comes
 * before the visibility change, so leaving a page is not reported as a hidden tab.
 */
import { off } from "../core/guard.ts";
import { flush } from "../core/pipeline.ts";
import { engagement } from "../data/page.ts";
import type { Module, Off } from "../types.ts";

const offs: Off[] = [];
let leaving = false;

export const visibility: Module = {
  start({ emit, listen }) {
    const hide = (): void => {
      emit(engagement());
      flush(true);
    };
    listen(
      window,
      "pagehide",
      () => {
        leaving = true;
        hide();
      },
      offs,
    );
    listen(window, "pageshow", () => (leaving = false), offs);
    listen(
      document,
      "visibilitychange",
      () => {
        if (!document.hidden) emit({ type: "tab_visible" });
        else if (!leaving) {
          emit({ type: "tab_hidden" });
          hide();
        }
      },
      offs,
    );
  },
  stop: () => off(offs),
};
