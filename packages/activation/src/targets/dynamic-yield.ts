/**
 * Dynamic Yield custom evaluator, value type String: the code returns a value or a Promise of
 * one; "Evaluators have a timeout of 4 seconds, and return as false if the timeout is reached".
 * This one resolves "true" or "false" (strings, as the String type's expected values) and
 * settles by itself before DY's limit.
 * Document: "Creating an Evaluator" (Dynamic Yield developer docs),
 * https://dy.dev/docs/creating-an-evaluator
 *
 * Mid-page: only within the evaluator's 4 s; afterwards the "Dynamic Yield — custom event"
 * target is the mid-page path.
 */
import { compose } from "../compose.ts";
import { member, vars, whenMember } from "../runtime.ts";
import type { Builder } from "../types.ts";

/** Dynamic Yield gives up on an evaluator after 4 s; this one settles 500 ms before that. */
export const DY_EVALUATOR_LIMIT_MS = 3500;

export const dynamicYield: Builder = (c) => {
  const limit = Math.min(c.timeoutMs, DY_EVALUATOR_LIMIT_MS);
  return {
    kind: "expression",
    code: compose(
      "expression",
      `Intently segment "${c.name}": resolves "true" once in it, "false" after ${limit} ms.`,
      [
        ...vars(c.id, c.timeoutMs),
        ...member(c.tag),
        ...whenMember(String(limit), '"true"', '"false"'),
        "return whenMember();",
      ],
    ),
    instructions: [
      "In Dynamic Yield, open Assets › Evaluators, click Add New and paste the code.",
      'Set the value type to String with the expected values "true" and "false", and target your ' +
        'experience with the condition: this evaluator is "true".',
      `The evaluator answers within ${limit} ms (Dynamic Yield stops waiting after 4 s): a ` +
        'shopper who enters the segment later is not caught on that page. Use the "Dynamic ' +
        'Yield — custom event" script to react later in the page.',
    ],
  };
};
