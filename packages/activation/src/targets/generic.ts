/**
 * Generic: a page script calling `onEnter(detail)` from the tag's DOM events
 * (`intently:segment:enter`, `intently:ready`; docs/product/tag.md#in-page-api), for tools not listed.
 */
import { compose } from "../compose.ts";
import { keyOf, member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const generic: Builder = (c) => ({
  kind: "script",
  code: compose(
    "script",
    `Intently segment "${c.name}": onEnter() on pages in it and on each entry.`,
    [
      "function onEnter(detail) {",
      "  // Your code here. detail: {segment, scores, stage, phase, state} ({segment} when the",
      "  // session was already in the segment as the page loaded).",
      '  if (window.console) console.log("Intently: entered segment " + detail.segment);',
      "}",
      ...vars(c.id, c.timeoutMs),
      ...member(c.tag),
      ...watch({ key: keyOf("generic"), action: ["onEnter(detail);"] }),
    ],
  ),
  instructions: [
    "Add the code to every page inside a <script> tag (before or after the Intently tag: it " +
      "waits for it).",
    "Replace the body of onEnter with your code: it runs once on every page that loads with the " +
      "session already in the segment, and once each time the session enters the segment on a " +
      "page (again only after it has left it).",
  ],
});
