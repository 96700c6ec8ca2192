/** Targets, options and results of the Segment Matching Script generator (docs/product/activation.md#matching-scripts). */

/** Every testing tool / runtime a script is generated for, with its label (in this order). */
export const TARGETS = [
  { target: "optimizely-audience", label: "Optimizely Web — custom JS audience" },
  { target: "optimizely-activation", label: "Optimizely Web — page activation" },
  { target: "optimizely-edge", label: "Optimizely Performance Edge — page activation" },
  { target: "abtasty", label: "AB Tasty — JS trigger" },
  { target: "vwo", label: "VWO — custom JS segment" },
  { target: "vwo-event", label: "VWO — custom event" },
  { target: "convert", label: "Convert — Location JS condition" },
  { target: "kameleoon", label: "Kameleoon — custom data" },
  { target: "kameleoon-event", label: "Kameleoon — custom event" },
  { target: "dynamic-yield", label: "Dynamic Yield — custom evaluator" },
  { target: "dynamic-yield-event", label: "Dynamic Yield — custom event" },
  { target: "adobe-target", label: "Adobe Target — at.js mbox request" },
  { target: "bloomreach", label: "Bloomreach Engagement — tracked event" },
  { target: "gtm", label: "Google Tag Manager — dataLayer event" },
  { target: "generic", label: "Generic — DOM event listener" },
] as const;

export type Target = (typeof TARGETS)[number]["target"];

/**
 * How the tool runs the pasted code:
 * - `expression`: evaluated as a program; its result is the value of the last expression;
 * - `function-body`: the body of a function; its result is what it `return`s;
 * - `function`: a function expression the tool calls (Optimizely's `function(activate, options)`);
 * - `script`: a classic script run on the page (no result);
 * - `html`: an HTML fragment holding a `<script>` (Google Tag Manager Custom HTML).
 */
export type Kind = "expression" | "function-body" | "function" | "script" | "html";

export interface Segment {
  id: string;
  name: string;
}

export interface MatchingOptions {
  /**
   * How long scripts look for the tag (and a vendor's library) while they load, in ms (default
   * 3000); the Dynamic Yield evaluator also settles to "false" then, at most after 3500 ms.
   */
  timeoutMs?: number;
  /** The tag's global (default `intently`: `window.intently`). */
  tagGlobal?: string;
}

export interface MatchingScript {
  target: Target;
  label: string;
  /** How the tool runs `code`. */
  kind: Kind;
  code: string;
  /** Where to paste it in the tool's UI (2–4 steps). */
  instructions: string[];
}

/** What a target's builder receives: values already made safe to embed in code or comments. */
export interface Ctx {
  /** The segment id as a JS string literal (JSON, `<` etc. escaped). */
  id: string;
  /** The raw segment id (for instructions, which are text, not code). */
  rawId: string;
  /** The segment name, safe inside a one-line comment. */
  name: string;
  timeoutMs: number;
  /** Expression for the tag's API object, e.g. `window.intently`. */
  tag: string;
}

export interface Built {
  kind: Kind;
  code: string;
  instructions: string[];
}

export type Builder = (c: Ctx) => Built;
