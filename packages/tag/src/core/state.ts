/**
 * The page's last known Intently state (from collect responses, restored from first-party
 * storage on each page) and its listeners: `segment:enter`, `segment:exit`, `scores`, `state`,
 * mirrored as DOM CustomEvents `intently:segment:enter` / `intently:segment:exit` on document.
 */
import { guard } from "./guard.ts";
import { rec, save } from "./ids.ts";

export interface Snapshot {
  segments: string[];
  persisted: string[];
  scores: Record<string, unknown>;
  stage?: unknown;
  phase?: unknown;
  state?: unknown;
}

/** `detail` of segment events: `{segment, scores, stage, phase, state}`. */
export type SegmentDetail = Omit<Snapshot, "segments" | "persisted"> & { segment: string };

type Handler = (detail: never) => void;

export const snap: Snapshot = { segments: [], persisted: [], scores: {} };
const handlers: Record<string, Handler[]> = {};

export function restore(): void {
  snap.segments = rec.g ?? [];
  snap.persisted = rec.h ?? [];
}

export function on(type: string, h: Handler): () => void {
  const list = handlers[type] ?? [];
  handlers[type] = list;
  list.push(h);
  return () => {
    list.splice(list.indexOf(h) >>> 0, 1);
  };
}

function fire(type: string, detail: unknown, dom?: boolean): void {
  for (const h of (handlers[type] ?? []).slice()) guard(h)(detail as never);
  if (dom) document.dispatchEvent(new CustomEvent(`intently:${type}`, { detail }));
}

const ids = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((s) => typeof s === "string") : [];

/** Applies a collect response `{segments, enter, exit, scores, stage, phase, state}`. */
export function apply(r: unknown): void {
  if (!r || typeof r !== "object") return;
  const res = r as Record<string, unknown>;
  const old = snap.segments;
  const next = ids(res.segments ?? old);
  for (const k of ["scores", "stage", "phase", "state"] as const) {
    if (res[k] != null) (snap as unknown as Record<string, unknown>)[k] = res[k];
  }
  snap.segments = rec.g = next;
  snap.persisted = rec.h = [...new Set([...snap.persisted, ...next])];
  save();
  const { segments, persisted, ...rest } = snap;
  for (const s of old) if (!next.includes(s)) fire("segment:exit", { segment: s, ...rest }, true);
  for (const s of next) if (!old.includes(s)) fire("segment:enter", { segment: s, ...rest }, true);
  if (res.scores) fire("scores", snap.scores);
  fire("state", { ...snap });
}
