/** Optimizely Web page activation: `function(activate, options)` calling `activate()` on entry. */
import { compose } from "../compose.ts";
import { member, vars, watch } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const optimizelyActivation: Builder = (c) => ({
  kind: "function",
  code: compose(
    "function",
    `Intently segment "${c.name}": activate() when the session enters it.`,
    [...vars(c.id, c.timeoutMs), ...member(c.tag), ...watch(["activate();"])],
  ),
  instructions: [
    "In Optimizely Web Experimentation, open Implementation › Pages and create or edit a page.",
    'Set the page\'s Trigger to "When a callback is called" and paste the code as the callback ' +
      "function.",
    "Save and use the page in your experiment: it activates as soon as the session enters the " +
      "segment, or right away when the session is already in it.",
  ],
});
