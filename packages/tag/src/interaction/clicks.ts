/**
 * Clicks (lazy), with hesitation (docs/product/tag.md#signals): the time from the pointer entering
 * a clickable target to the click on it, sent with the click as `hesitationMs`.
 */
import type { Module, Off } from "../types.ts";

export const CLICKABLE =
  "a,button,input,select,textarea,label,summary,[role=button],[role=link],[role=menuitem],[role=tab],[onclick],[tabindex]";
/** Schema cap of hesitationMs (1 h). */
export const MAX_HESITATION_MS = 3.6e6;

const offs: Off[] = [];

export const clickable = (t: EventTarget | null): Element | null =>
  (t as Element)?.closest?.(CLICKABLE) ?? null;

/** CSS-like description of an element (tag, then id or two classes), never its text. */
export function desc(el: Element | null): string {
  let s = el?.tagName?.toLowerCase() ?? "";
  if (el?.id) s += `#${el.id}`;
  else for (const c of [...(el?.classList ?? [])].slice(0, 2)) s += `.${c}`;
  return s.slice(0, 256);
}

/** The described clickable element of an event (or its target). */
export const targetOf = (e: Event): string =>
  desc(clickable(e.target) ?? (e.target as Element | null));

export const clicks: Module = {
  start({ emit, listen }) {
    let hovered: Element | null = null;
    let enteredAt = 0;
    listen(
      document,
      "pointerover",
      (e) => {
        const c = clickable(e.target);
        if (c !== hovered) {
          hovered = c;
          enteredAt = e.timeStamp;
        }
      },
      offs,
    );
    listen(
      document,
      "click",
      (e) => {
        const c = clickable(e.target);
        const h = c && c === hovered ? Math.round(e.timeStamp - enteredAt) : -1;
        emit({
          type: "click",
          target: targetOf(e),
          hesitationMs: h < 0 ? undefined : Math.min(h, MAX_HESITATION_MS),
        });
      },
      offs,
    );
  },
  stop() {
    for (const f of offs.splice(0)) f();
  },
};
