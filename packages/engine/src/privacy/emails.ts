/**
 * E-mail replacement in linear time, with exactly the matches of the shared EMAIL pattern
 * (rules.ts) under its leftmost-greedy semantics: L{1,128} A D{1,255} "." W{2,63}, where A is
 * "@" or "%40", L the local-part characters, D the domain characters and W letters. Running that
 * pattern costs up to 128 steps per character (its bounded local part is retried at every start),
 * which an attacker can reach with one "@" per field; this scan costs a few steps per character
 * whatever the text. The tag runs the pattern itself (no room in its 4 KB core for this).
 * Equivalence with the pattern is a property test (privacy-emails.test.ts).
 */
/** The pattern's bounds: L{1,128}, D{1,255}, W{2,63}. */
const MAX = { local: 128, domain: 255, tld: 63 } as const;

/** Character classes by code: bit 1 local-part, bit 2 domain, bit 4 letter. */
const LOCAL = 1;
const DOMAIN = 2;
const LETTER = 4;
const ASCII = new Uint8Array(128).map((_, code) => {
  const c = String.fromCharCode(code);
  if (/\s/.test(c)) return 0;
  return (
    ("@/?&=#:".includes(c) ? 0 : LOCAL) |
    ("@/?&=#%".includes(c) ? 0 : DOMAIN) |
    (/[a-z]/i.test(c) ? LETTER : 0)
  );
});
const SPACE = /\s/;
function classOf(s: string, i: number): number {
  const code = s.charCodeAt(i);
  if (code < 128) return ASCII[code]!;
  return SPACE.test(s[i] as string) ? 0 : LOCAL | DOMAIN;
}

/** [start, end) of every match, left to right, as the global pattern would find them. */
export function emailSpans(s: string): [number, number][] {
  const n = s.length;
  // End of the run of local (domain) characters starting at i; length of the letter run at i.
  const localEnd = new Int32Array(n + 1).fill(n);
  const domainEnd = new Int32Array(n + 1).fill(n);
  const letters = new Int32Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const k = classOf(s, i);
    localEnd[i] = k & LOCAL ? localEnd[i + 1]! : i;
    domainEnd[i] = k & DOMAIN ? domainEnd[i + 1]! : i;
    letters[i] = k & LETTER ? letters[i + 1]! + 1 : 0;
  }
  // Largest j ≤ i where "." is followed by two letters (a possible top-level domain), or -1.
  const dot = new Int32Array(n + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    const ok = s[i] === "." && letters[i + 1]! >= 2;
    dot[i] = ok ? i : i > 0 ? dot[i - 1]! : -1;
  }
  // The end of the domain that follows an "@"/"%40" at q, or -1 when none can.
  const domainAfter = (q: number): number => {
    const a = q + (s[q] === "@" ? 1 : 3);
    const last = Math.min(a + MAX.domain, domainEnd[a]! - 3);
    if (last < a + 1) return -1;
    const j = dot[last]!;
    if (j < a + 1) return -1;
    return j + 1 + Math.min(MAX.tld, letters[j + 1]!);
  };
  // Every "@" or "%40" after which a domain can follow, in order.
  const valid: number[] = [];
  const ends: number[] = [];
  for (let q = 1; q < n; q++) {
    if (s[q] !== "@" && !(s[q] === "%" && s[q + 1] === "4" && s[q + 2] === "0")) continue;
    const end = domainAfter(q);
    if (end >= 0) {
      valid.push(q);
      ends.push(end);
    }
  }
  const spans: [number, number][] = [];
  let k = 0; // first valid position not yet behind the scan
  let st = 0;
  while (st < n && k < valid.length) {
    while (k < valid.length && valid[k]! <= st) k++;
    if (k === valid.length) break;
    // A start needs a valid "@" within its local run and 128 characters: the greedy local
    // part takes the furthest one, whose domain then ends the match.
    const reach = Math.min(st + MAX.local, localEnd[st]!);
    if (valid[k]! > reach) {
      st++;
      continue;
    }
    let far = k;
    while (far + 1 < valid.length && valid[far + 1]! <= reach) far++;
    spans.push([st, ends[far]!]);
    st = ends[far]!;
  }
  return spans;
}

/** `s` with every e-mail replaced by `by`. */
export function replaceEmails(s: string, by: string): string {
  if (!s.includes("@") && !s.includes("%40")) return s;
  let out = "";
  let last = 0;
  for (const [a, b] of emailSpans(s)) {
    out += s.slice(last, a) + by;
    last = b;
  }
  return out + s.slice(last);
}
