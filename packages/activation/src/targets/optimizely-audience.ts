/**
 * Optimizely Web Experimentation audience, "Custom JavaScript" condition: the code is evaluated
 * as a program and its last expression is the boolean. Custom JavaScript is a dynamic condition:
 * Optimizely evaluates it with the freshest value when it decides whether the visitor
 * qualifies, i.e. when a page of the experiment activates — not again later on that page.
 * Document: "Static and dynamic audience conditions" (Optimizely support),
 * https://support.optimizely.com/hc/en-us/articles/4410289221005-Static-and-dynamic-audience-conditions
 *
 * Mid-page: no (documented limitation); the page-activation target is the mid-page path.
 */
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
    'Drag the "Custom JavaScript" condition into the audience builder, paste the code and add ' +
      "the audience to your experiment or personalization campaign.",
    "Optimizely evaluates the condition when the experiment's page activates, so it cannot catch " +
      "a shopper who enters the segment later on that page (it does on the next page). To react " +
      'mid-page, use the "Optimizely Web — page activation" script as the page trigger.',
  ],
});
