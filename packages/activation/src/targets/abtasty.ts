/**
 * AB Tasty trigger, "Code" (JavaScript) criterion: the code may return a Promise, and AB Tasty
 * shows the campaign when it resolves. The document sets no time limit ("you can ... let it
 * loop as long as you need"), so the Promise waits for the whole page: it resolves true when
 * the session is in the segment, at once or the moment it enters, and otherwise stays pending.
 * Document: "Defining targeting criteria verification" (AB Tasty help centre),
 * https://support.abtasty.com/hc/en-us/articles/6708346534300--Defining-targeting-criteria-verification
 */
import { compose } from "../compose.ts";
import { member, vars, whenMember } from "../runtime.ts";
import type { Builder } from "../types.ts";

export const abtasty: Builder = (c) => ({
  kind: "function-body",
  code: compose(
    "function-body",
    `Intently segment "${c.name}": resolves true once the session is in it (waits for the page).`,
    [...vars(c.id, c.timeoutMs), ...member(c.tag), ...whenMember(), "return whenMember();"],
  ),
  instructions: [
    "In AB Tasty, open the campaign's Targeting step and create (or edit) its trigger.",
    'Add the "Code" (JavaScript) criterion and paste the code.',
    "Save: the campaign shows when the session is in the segment as the page loads, or the moment " +
      "it enters the segment later on that page (the Promise waits for as long as the page is " +
      "open and never resolves false).",
  ],
});
