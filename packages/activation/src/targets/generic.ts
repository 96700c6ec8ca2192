/** Generic: an `intently:segment:enter` listener running a callback once per entry. */
import { compose } from "../compose.ts";
import { member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const generic: Builder = (c) => ({
  kind: "script",
  code: compose("script", `Intently segment "${c.name}": runs onEnter() on each entry.`, [
    "function onEnter(detail) {",
    "  // Your code here. detail: {segment, scores, stage, phase, state} ({segment} when the",
    "  // session was already in the segment as the page loaded).",
    '  if (window.console) console.log("Intently: entered segment " + detail.segment);',
    "}",
    ...vars(c.id, c.timeoutMs),
    ...member(c.tag),
    ...watch(["onEnter(detail);"]),
  ]),
  instructions: [
    "Add the code to every page inside a <script> tag (before or after the Intently tag: it " +
      "waits for it).",
    "Replace the body of onEnter with your code: it runs once each time the session enters the " +
      "segment, and at once when the session is already in it.",
  ],
});
