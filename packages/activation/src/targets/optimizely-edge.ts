/**
 * Optimizely Performance Edge: pages are decided by the Edge Decider when the page is requested;
 * with the project setting "Support for Dynamic Websites" a follow-on snippet can activate and
 * deactivate pages in the browser, with the Web page triggers. This target is the callback
 * trigger of Optimizely Web page activation, `function (activate, options)`, run there.
 * Documents: "Support for Dynamic Websites" (Performance Edge developer guide),
 * https://docs.developers.optimizely.com/performance-edge/docs/support-for-dynamic-websites ;
 * "How it works", https://docs.developers.optimizely.com/performance-edge/docs/how-it-works
 * (not all page triggers are supported at the edge); the callback contract from
 * https://docs.developers.optimizely.com/web/docs/page-activation . Not found: the Edge list of
 * supported triggers itself, so the instructions ask to check that the callback trigger is
 * offered (it needs "Support for Dynamic Websites").
 */
import { compose } from "../compose.ts";
import type { Builder } from "../types.ts";
import { activationBody } from "./optimizely-activation.ts";

export const optimizelyEdge: Builder = (c) => ({
  kind: "function",
  code: compose(
    "function",
    `Intently segment "${c.name}": activate() as the session enters it, or at once when in it.`,
    activationBody(c, "optimizely-edge"),
  ),
  instructions: [
    'In your Optimizely Performance Edge project settings, turn on "Support for Dynamic ' +
      'Websites" (without it the Edge Decider activates pages before the page runs any code, and ' +
      "no Intently segment can be used).",
    'Create or edit a page, set its Trigger to "When a callback is called" and paste the code as ' +
      "the callback function (if your project does not offer that trigger, Performance Edge " +
      "cannot use Intently segments).",
    "Use the page in your experiment: it activates when the session is in the segment as the page " +
      "loads and the moment it enters the segment later on the page.",
  ],
});
