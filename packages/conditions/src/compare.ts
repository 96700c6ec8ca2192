import type { VarType } from "./types.ts";

/**
 * True when `x` has at least one own key and every key starts with "$" (GrowthBook's rule for
 * "this object is a set of operators, not a literal to compare as JSON"). Throws for null and
 * undefined, exactly where GrowthBook throws.
 */
export function isOperatorObject(x: unknown): boolean {
  const keys = Object.keys(x as object);
  if (keys.length === 0) return false;
  for (const k of keys) if (k.charCodeAt(0) !== 36 /* $ */) return false;
  return true;
}

/** GrowthBook's `$type` names. */
export function getType(v: unknown): VarType | "unknown" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  if (t === "string" || t === "number" || t === "boolean" || t === "object" || t === "undefined") {
    return t;
  }
  return "unknown";
}

/** `v + ""`: ToPrimitive with the default hint, as GrowthBook's implicit string equality does. */
export function concatString(v: unknown): string {
  // biome-ignore lint/style/useTemplate: a template literal uses the "string" hint, not "default"
  return (v as string) + "";
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isAsciiDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * GrowthBook's version key: strip a leading "v" and the build suffix ("+…" with no line break
 * after it), split on "-" and ".", add "~" after a bare x.y.z so releases sort after
 * pre-releases, left-pad numeric parts to 5 with spaces, join with "-". Compared as strings.
 */
export function paddedVersionString(input: unknown): string {
  let s: string;
  if (typeof input === "number") s = String(input);
  else if (typeof input === "string" && input !== "") s = input;
  else s = "0";
  const start = s.charCodeAt(0) === 118 /* v */ ? 1 : 0;
  let lastBreak = -1;
  for (let i = 0; i < s.length; i++) if (isLineTerminator(s.charCodeAt(i))) lastBreak = i;
  const plus = s.indexOf("+", Math.max(start, lastBreak + 1));
  const core = s.slice(start, plus >= 0 ? plus : s.length);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i <= core.length; i++) {
    const c = i < core.length ? core.charCodeAt(i) : -1;
    if (c === -1 || c === 45 /* - */ || c === 46 /* . */) {
      parts.push(core.slice(from, i));
      from = i + 1;
    }
  }
  if (parts.length === 3) parts.push("~");
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (i > 0) out += "-";
    out += isAsciiDigits(p) ? p.padStart(5, " ") : p;
  }
  return out;
}

// Attribute versions repeat a lot (app versions, browser versions): memoise, bounded.
const versionCache = new Map<string, string>();
const VERSION_CACHE_SIZE = 1024;

export function paddedVersionCached(input: unknown): string {
  if (typeof input !== "string") return paddedVersionString(input);
  let out = versionCache.get(input);
  if (out === undefined) {
    out = paddedVersionString(input);
    if (versionCache.size >= VERSION_CACHE_SIZE) versionCache.clear();
    versionCache.set(input, out);
  }
  return out;
}

/**
 * Keys that would reach Object.prototype through `in`: these are read as own properties only,
 * so a path never yields the prototype or the Object constructor. (GrowthBook would.)
 */
export const PROTO_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export type PathGetter = (obj: unknown) => unknown;

/** One step of GrowthBook's getPath: null unless obj is an object holding key. */
export function readKey(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== "object") return null;
  const v = (obj as Record<string, unknown>)[key];
  // One lookup in the common case; `in` only to tell a present `undefined` from a missing key.
  if (v === undefined && !(key in obj)) return null;
  return v;
}

/** GrowthBook's getPath over pre-split parts (none of them a PROTO_KEYS member). */
export function readParts(obj: unknown, parts: readonly string[]): unknown {
  let cur = obj;
  for (let i = 0; i < parts.length; i++) {
    cur = readKey(cur, parts[i] as string);
    if (cur === null) return null;
  }
  return cur;
}

/** Whether a path can use readKey/readParts (no prototype-reaching segment). */
export function plainPath(parts: readonly string[]): boolean {
  return !parts.some((p) => PROTO_KEYS.has(p));
}

function stepUnsafe(cur: unknown, key: string): { ok: boolean; v: unknown } {
  return { ok: Object.hasOwn(cur as object, key), v: (cur as Record<string, unknown>)[key] };
}

/**
 * Compiles a dotted path into a getter. Missing → null (GrowthBook's getPath): a step needs a
 * non-null object holding the key (`key in obj`); anything else ends the walk with null.
 */
export function compilePath(path: string): PathGetter {
  const parts = path.split(".");
  const unsafe = parts.some((p) => PROTO_KEYS.has(p));
  if (unsafe) {
    return (obj) => {
      let cur = obj;
      for (const key of parts) {
        if (cur === null || typeof cur !== "object") return null;
        const r = stepUnsafe(cur, key);
        if (!r.ok) return null;
        cur = r.v;
      }
      return cur;
    };
  }
  if (parts.length === 1) {
    const key = parts[0] as string;
    return (obj) => {
      if (obj === null || typeof obj !== "object") return null;
      const v = (obj as Record<string, unknown>)[key];
      // One lookup in the common case; `in` only to tell a present `undefined` from a missing key.
      if (v === undefined && !(key in obj)) return null;
      return v;
    };
  }
  if (parts.length === 2) {
    const k0 = parts[0] as string;
    const k1 = parts[1] as string;
    return (obj) => {
      if (obj === null || typeof obj !== "object") return null;
      const mid = (obj as Record<string, unknown>)[k0];
      if (mid === null || typeof mid !== "object") return null;
      const v = (mid as Record<string, unknown>)[k1];
      if (v === undefined && !(k1 in mid)) return null;
      return v;
    };
  }
  return (obj) => {
    let cur = obj;
    for (let i = 0; i < parts.length; i++) {
      if (cur === null || typeof cur !== "object") return null;
      const key = parts[i] as string;
      const v = (cur as Record<string, unknown>)[key];
      if (v === undefined && !(key in cur)) return null;
      cur = v;
    }
    return cur;
  };
}
