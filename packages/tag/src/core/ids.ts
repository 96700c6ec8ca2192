/**
 * First-party identifiers (docs/product/tag.md#identifiers): a persistent visitor id and a session
 * id that is renewed after 30 min without activity, at local midnight or when a new campaign
 * arrives. The same record counts previous sessions and purchases and keeps the last known
 * segments.
 */
import { read, write } from "./storage.ts";

export const SESSION_MS = 30 * 60 * 1000;
/** The storage key of the record (also read by the Shopify checkout pixel, src/shopify). */
export const KEY = "_intently";

export interface Rec {
  /** visitor, session, last activity, session day, campaign */
  v: string;
  s: string;
  t: number;
  d: string;
  c: string;
  /** sessions started, purchases ever, purchases before this session */
  n: number;
  p: number;
  q: number;
  /** landing URL and referrer of the session */
  u: string;
  r: string;
  /** current and persisted segments */
  g: string[];
  h: string[];
}

export let rec: Rec;

export const rid = (prefix: string): string =>
  prefix + Array.from(crypto.getRandomValues(new Uint32Array(3)), (n) => n.toString(36)).join("");

const day = (t: number): string => new Date(t).toDateString();

export function load(): void {
  rec = read<Rec>(KEY) ?? ({} as Rec);
  rec.v ||= rid("v_");
}

export const expired = (now: number, ms: number): boolean =>
  !rec.s || now - rec.t > ms || day(now) !== rec.d;

export function rotate(now: number, u: string, r: string, c = rec.c): void {
  Object.assign(rec, {
    s: rid("s_"),
    t: now,
    d: day(now),
    c,
    n: (rec.n || 0) + 1,
    q: rec.p || 0,
    u,
    r,
    g: [],
    h: [],
  });
  save();
}

export const save = (): void => write(KEY, rec);

export function clear(): void {
  write(KEY);
}
