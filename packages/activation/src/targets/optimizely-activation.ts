/**
 * Optimizely Web Experimentation page activation, trigger "When a callback is called": the
 * code is a `function (activate, options)` Optimizely calls, and `activate()` activates the
 * page; `options.isActive` says whether the page is already active, `options.pageId` which page.
 * Document: "Page activation" (Optimizely Web Experimentation developer guide),
 * https://docs.developers.optimizely.com/web/docs/page-activation — and "Dynamic websites",
 * https://docs.developers.optimizely.com/web/docs/dynamic-websites (SPAs re-invoke the callback).
 *
 * Mid-page: yes (`activate()` on `intently:segment:enter`). Re-invocation: the state lives in a
 * page registry, so listeners are registered once and the newest `activate` is the one called;
 * an invocation with `options.isActive` true never activates again.
 */
import { compose } from "../compose.ts";
import { member, vars, watch } from "../runtime.ts";
import type { Builder, Ctx } from "../types.ts";

/**
 * The callback's body, shared with Optimizely Performance Edge. One registry entry per page
 * (`options.pageId`): several Optimizely pages may use the same segment's callback.
 */
export function activationBody(c: Ctx, target: string): string[] {
  return [
    ...vars(c.id, c.timeoutMs),
    ...member(c.tag),
    ...watch({
      key: `${JSON.stringify(`${target}:`)} + (options && options.pageId)`,
      action: ["activate();"],
      // Active already (Optimizely re-invoked the callback on an active page): no second
      // activation for the same entry. Not active (first call, or the page was deactivated,
      // e.g. by an SPA URL change): activate now if the session is in the segment.
      invoke: [
        "if (options && options.isActive === true) st.inside = member();",
        "else st.inside = false;",
      ],
    }),
  ];
}

export const optimizelyActivation: Builder = (c) => ({
  kind: "function",
  code: compose(
    "function",
    `Intently segment "${c.name}": activate() as the session enters it, or at once when in it.`,
    activationBody(c, "optimizely-activation"),
  ),
  instructions: [
    "In Optimizely Web Experimentation, open Implementation › Pages and create or edit a page.",
    'Set the page\'s Trigger to "When a callback is called" and paste the code as the callback ' +
      "function.",
    "Use the page in your experiment: it activates when the page loads with the session already " +
      "in the segment, and the moment the session enters it later on the page (again after it " +
      "has left and re-entered). On single-page apps Optimizely calls the function again after a " +
      "URL change; it then activates the new view once if the session is in the segment.",
  ],
});
