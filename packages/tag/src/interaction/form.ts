/**
 * Form error (docs/product/tag.md#signals, lazy): a field the user has typed in becomes `:invalid`
 * (checked when the user leaves or changes it) or `aria-invalid="true"` (set by the page's own
 * validation), or a submit is blocked by constraint validation (`invalid` right after a user
 * action). Values are never read.
 */
import type { Module, Off } from "../types.ts";
import { desc } from "./clicks.ts";

/** An `invalid` event this soon after a click or key press is a blocked submit. */
export const FORM_SUBMIT_MS = 1000;

const offs: Off[] = [];
let observer: MutationObserver | undefined;

export const form: Module = {
  start(ctx) {
    const touched = new WeakSet<EventTarget>();
    const bad = new WeakSet<Element>();
    let typed = false;
    let acted = -1e15;
    let blocked = -1e15;
    const report = (el: Element, invalid: boolean): void => {
      if (invalid && !bad.has(el)) ctx.emit({ type: "form_error", target: desc(el) });
      if (invalid) bad.add(el);
      else bad.delete(el);
    };
    const check = (e: Event): void => {
      const el = e.target as Element;
      if (!touched.has(el) || !el.matches) return;
      report(el, el.matches(":invalid") || el.getAttribute("aria-invalid") === "true");
    };
    const input = (e: Event): void => {
      typed = true;
      touched.add(e.target as EventTarget);
    };
    ctx.listen(document, "input", input, offs);
    ctx.listen(
      document,
      "change",
      (e) => {
        input(e);
        check(e);
      },
      offs,
    );
    ctx.listen(document, "focusout", check, offs);
    ctx.listen(document, "pointerdown", () => (acted = performance.now()), offs);
    ctx.listen(document, "keydown", () => (acted = performance.now()), offs);
    ctx.listen(
      document,
      "invalid",
      (e) => {
        const t = performance.now();
        if (t - acted > FORM_SUBMIT_MS || t - blocked < FORM_SUBMIT_MS) return;
        blocked = t;
        ctx.emit({ type: "form_error", target: desc(e.target as Element) });
      },
      offs,
    );
    observer = new MutationObserver(
      ctx.guard((records: MutationRecord[]) => {
        for (const r of records) {
          const el = r.target as Element;
          if (typed) report(el, el.getAttribute("aria-invalid") === "true");
        }
      }),
    );
    observer.observe(document, {
      subtree: true,
      attributes: true,
      attributeFilter: ["aria-invalid"],
    });
  },

  stop() {
    for (const f of offs.splice(0)) f();
    observer?.disconnect();
  },
};
