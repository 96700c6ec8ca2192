/**
 * The Segment Matching Script generator (docs/product/activation.md#matching-scripts): for a segment and a testing tool, a short
 * ES5 script satisfying that tool's contract, safe before the tag loads, never throwing.
 */
import { commentText, globalRef, jsString } from "./escape.ts";
import { abtasty } from "./targets/abtasty.ts";
import { adobeTarget } from "./targets/adobe-target.ts";
import { bloomreach } from "./targets/bloomreach.ts";
import { convert } from "./targets/convert.ts";
import { dynamicYield } from "./targets/dynamic-yield.ts";
import { dynamicYieldEvent } from "./targets/dynamic-yield-event.ts";
import { generic } from "./targets/generic.ts";
import { gtm } from "./targets/gtm.ts";
import { kameleoon } from "./targets/kameleoon.ts";
import { kameleoonEvent } from "./targets/kameleoon-event.ts";
import { optimizelyActivation } from "./targets/optimizely-activation.ts";
import { optimizelyAudience } from "./targets/optimizely-audience.ts";
import { optimizelyEdge } from "./targets/optimizely-edge.ts";
import { vwo } from "./targets/vwo.ts";
import { vwoEvent } from "./targets/vwo-event.ts";
import {
  type Builder,
  type MatchingOptions,
  type MatchingScript,
  type Segment,
  TARGETS,
  type Target,
} from "./types.ts";

export { CACHE_KEY, POLL_MS, REGISTRY, SESSION_MS } from "./runtime.ts";
export { ADOBE_MBOX } from "./targets/adobe-target.ts";
export { BLOOMREACH_EVENT } from "./targets/bloomreach.ts";
export { DY_EVALUATOR_LIMIT_MS } from "./targets/dynamic-yield.ts";
export { DY_EVENT } from "./targets/dynamic-yield-event.ts";
export { GTM_EVENT } from "./targets/gtm.ts";
export { KAMELEOON_EVENT_PREFIX } from "./targets/kameleoon-event.ts";
export { VWO_EVENT } from "./targets/vwo-event.ts";
export type { Kind, MatchingOptions, MatchingScript, Segment, Target } from "./types.ts";
export { TARGETS };

export const DEFAULT_TIMEOUT_MS = 3000;
/** Longest accepted timeout (10 min). */
export const MAX_TIMEOUT_MS = 600_000;

const BUILDERS: Record<Target, Builder> = {
  "optimizely-audience": optimizelyAudience,
  "optimizely-activation": optimizelyActivation,
  "optimizely-edge": optimizelyEdge,
  abtasty,
  vwo,
  "vwo-event": vwoEvent,
  convert,
  kameleoon,
  "kameleoon-event": kameleoonEvent,
  "dynamic-yield": dynamicYield,
  "dynamic-yield-event": dynamicYieldEvent,
  "adobe-target": adobeTarget,
  bloomreach,
  gtm,
  generic,
};

const LABELS = new Map<string, string>(TARGETS.map((t) => [t.target, t.label]));

export function isTarget(x: unknown): x is Target {
  return typeof x === "string" && LABELS.has(x);
}

/**
 * The script for `segment` in `target`'s contract. Throws a TypeError / RangeError on an
 * unknown target, an empty id, a bad timeout or an empty `tagGlobal`.
 */
export function matchingScript(
  segment: Segment,
  target: Target,
  opts: MatchingOptions = {},
): MatchingScript {
  if (!isTarget(target)) throw new TypeError(`unknown target: ${String(target)}`);
  const id = segment?.id;
  if (typeof id !== "string" || id === "") throw new TypeError("segment.id must be a string");
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new RangeError(`timeoutMs must be an integer in [0, ${MAX_TIMEOUT_MS}]`);
  }
  const tagGlobal = opts.tagGlobal ?? "intently";
  if (typeof tagGlobal !== "string" || tagGlobal === "") {
    throw new TypeError("tagGlobal must be a non-empty string");
  }
  const name = typeof segment.name === "string" && segment.name.trim() ? segment.name : id;
  const built = BUILDERS[target]({
    id: jsString(id),
    rawId: id,
    name: commentText(name),
    timeoutMs,
    tag: globalRef(tagGlobal),
  });
  return { target, label: LABELS.get(target) ?? target, ...built };
}

/** Every target's script for `segment`, in `TARGETS` order (for the API and the segment card). */
export function matchingScriptsFor(segment: Segment, opts?: MatchingOptions): MatchingScript[] {
  return TARGETS.map((t) => matchingScript(segment, t.target, opts));
}
