/** Optimizely Web custom JS audience: synchronous, the last expression is the boolean. */
import { compose } from "../compose.ts";
import { member, vars } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const optimizelyAudience: Builder = (c) => ({
  kind: "expression",
  code: compose("expression", `Intently segment "${c.name}": true while the session is in it.`, [
    ...vars(c.id),
    ...member(c.tag),
    "return member();",
  ]),
  instructions: [
    "In Optimizely Web Experimentation, open Audiences and create a new audience.",
    'Drag the "Custom JavaScript" condition into the audience builder and paste the code.',
    "Save the audience and add it to your experiment or personalization campaign.",
    "Optimizely evaluates it when the page activates: pair it with the Intently page-activation " +
      "script to catch shoppers who enter the segment later in the visit.",
  ],
});
