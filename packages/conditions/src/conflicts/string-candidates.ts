/* Candidate strings for the string decision, and the finite-interval enumeration. */
import type { NumSet } from "./numset.ts";

/** What the literals of one term say about a string value. */
export interface State {
  impossible: boolean;
  include: Set<string> | null;
  exclude: Set<string>;
  /** Lexicographic bounds; lo is inclusive ("" = unbounded), hi null = unbounded. */
  lo: string;
  hi: string | null;
  hiOpen: boolean;
  /** Constraint on Number(s). */
  num: NumSet;
  foldIn: Set<string> | null;
  foldOut: Set<string>;
  pre: string[];
  suf: string[];
  has: string[];
  notPre: string[];
  notSuf: string[];
  notHas: string[];
  /** A positive regex holds, so the string is at most MAX_REGEX_SUBJECT_LENGTH long. */
  bounded: boolean;
  opaque: boolean;
  consts: Set<string>;
}

const WHITESPACE = ["\t", " ", "\u00a0", "\u2028", "\u3000", "\ufeff"];

export function* candidates(st: State): Generator<string> {
  const pads = ["", "x", " ", "~", "0"];
  const pre = [...st.pre].sort((x, y) => y.length - x.length)[0] ?? "";
  const suf = [...st.suf].sort((x, y) => y.length - x.length)[0] ?? "";
  const mid = st.has.join("");
  for (const a of pads) for (const b of pads) yield `${pre}${a}${mid}${b}${suf}`;
  for (const c of st.consts) {
    yield c;
    yield `${c}x`;
    yield `x${c}`;
    yield c.toUpperCase();
  }
  for (const f of st.foldIn ?? []) {
    yield f;
    yield f.toUpperCase();
    yield f.charAt(0).toUpperCase() + f.slice(1);
  }
  const spread = Math.min(st.exclude.size + 2, 40);
  for (const x of st.num.samples()) {
    const s = String(x);
    yield s;
    for (let k = 1; k <= spread; k++) yield " ".repeat(k) + s;
    // Number() ignores surrounding whitespace, some of which sorts above letters: "\ufeff5" > "z".
    for (const w of WHITESPACE) {
      yield w + s;
      yield s + w;
    }
    if (/^[0-9]/.test(s)) {
      yield `+${s}`;
      yield `0${s}`;
    }
  }
  for (const g of ["", "x", "a", "z", "~", "0", "1", "\uffff"]) yield g;
  let s = st.lo;
  for (let k = 0; k <= spread; k++, s += "\u0000") yield s;
  for (const t of ["a", "x", "~", "\uffff"]) yield st.lo + t;
  if (st.hi) {
    const h = st.hi.slice(0, -1);
    yield h;
    yield `${h}x`;
  }
}

/** Elements of the lexicographic interval when it is finite: lo, lo+"\0", … up to hi. */
export function finiteInterval(st: State): string[] | null {
  const hi = st.hi;
  if (
    hi === null ||
    !hi.startsWith(st.lo) ||
    [...hi.slice(st.lo.length)].some((c) => c !== "\u0000")
  ) {
    return null;
  }
  const out: string[] = [];
  for (let s = st.lo; s < hi || (s === hi && !st.hiOpen); s += "\u0000") out.push(s);
  return out;
}
