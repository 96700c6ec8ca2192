/**
 * The data-point catalogue (docs/product/engine.md#data-points): every session attribute a segment
 * can be built on, with its type and meaning, in one list. The segment builder, validation and docs
 * read this list;
 * `attributesOf` evaluates it, so a data point cannot be documented without existing or exist
 * without being documented.
 */
import { SIGNALS, type Signal } from "../session/signals.ts";
import { frameworkPoints, frustrationPoints } from "./points-framework.ts";
import { shoppingPoints } from "./points-shopping.ts";
import { visitPoints } from "./points-visit.ts";
import { SIGNAL_LABELS, scorePoints, signalPoints } from "./score-signal-points.ts";
import type { AttributeSource, DataPoint } from "./types.ts";

export const DATA_POINTS: readonly DataPoint[] = [
  ...visitPoints,
  ...shoppingPoints,
  ...signalPoints,
  ...frustrationPoints,
  ...scorePoints,
  ...frameworkPoints,
];

const BY_ID = new Map(DATA_POINTS.map((d) => [d.id, d]));

export function dataPoint(id: string): DataPoint | undefined {
  return BY_ID.get(id);
}

/**
 * Templates with every requested key, in fast (non-dictionary) mode. Adding dozens of keys one by
 * one to `{}` makes V8 switch the object to dictionary mode, and every condition then reads it
 * through a hash lookup; cloning a template keeps the properties fast. Keyed by the field list's
 * identity (a segment set passes the same array every time).
 */
const templates = new WeakMap<readonly string[], Record<string, unknown>>();
const ALL_IDS: readonly string[] = DATA_POINTS.map((d) => d.id);

function templateFor(fields: readonly string[]): Record<string, unknown> {
  let t = templates.get(fields);
  if (!t) {
    t = Object.fromEntries(fields.filter((f) => BY_ID.has(f)).map((f) => [f, null]));
    templates.set(fields, t);
  }
  return t;
}

/**
 * The session's attributes for condition evaluation. With `fields`, only those data points are
 * read (a compiled segment set knows which it uses), keeping per-event cost proportional to use.
 */
export function attributesOf(
  src: AttributeSource,
  fields: readonly string[] = ALL_IDS,
): Record<string, unknown> {
  const out = { ...templateFor(fields) };
  for (const f of fields) {
    const d = BY_ID.get(f);
    if (d) out[f] = d.get(src);
  }
  return out;
}

/** What each signal is called wherever it is shown (the dashboard's reports take it from here). */
export const SIGNAL_DISPLAY_NAMES = Object.fromEntries(
  SIGNALS.map((s) => [s, SIGNAL_LABELS[s][1]]),
) as Record<Signal, string>;

/** Signal ids in the catalogue, for docs and the builder. */
export const SIGNAL_DATA_POINT_IDS = Object.fromEntries(
  SIGNALS.map((s) => [s, SIGNAL_LABELS[s][0]]),
) as Record<Signal, string>;
