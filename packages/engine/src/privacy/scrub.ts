/**
 * The full PII rules (docs/privacy.md "What is scrubbed"), applied by the server to every batch:
 * names (rules.ts), values (e-mail, phone, Luhn-valid card, JWT, cloud keys, long tokens), URL
 * parts (credentials, query, path segments, hash routes and fragments) and free text. Pure, no
 * I/O. Every pattern is linear: character-class runs without backtracking, or bounded quantifiers,
 * and input is cut to MAX_SCAN before any of them runs.
 */
import { replaceEmails } from "./emails.ts";
import { PARAM_CORE, PARAM_MORE_STEMS, PARAM_MORE_WORDS, REDACTED } from "./rules.ts";

/** Longer input is cut before scanning (the wire caps URLs at 2048, other text at 256). */
export const MAX_SCAN = 4096;

const MORE = new RegExp(
  `(?:^|[^a-z])(?:${PARAM_MORE_WORDS.join("|")})(?![a-z])|${PARAM_MORE_STEMS.join("|")}`,
);

/** True when a parameter, form field or property name says its value is personal or secret. */
export function sensitiveName(name: string): boolean {
  const n = name.slice(0, 256);
  return PARAM_CORE.test(n) || MORE.test(n.replace(/([a-z\d])(?=[A-Z])/g, "$1 ").toLowerCase());
}

/** Luhn checksum over a string of digits (card numbers). */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Cloud and API keys with a fixed prefix: AWS, Google, GitHub, Stripe, Slack. */
const KEYS =
  /(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[\w-]{35}|gh[pousr]_[A-Za-z0-9]{36}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,99}|xox[abprs]-[\w-]{10,99}/g;
/** Token-like words: base64/base64url/hex runs, maybe dotted (JWT). One class, no backtracking. */
const WORD = /[\w+/=~.-]+/g;
/** Numbers with phone or card formatting: a run of digits, spaces, dots, dashes, parentheses. */
const NUMBER = /\+?\(?\d[\d ().-]*/g;

/** E-mails replaced: the EMAIL pattern's matches, found in linear time (emails.ts). */
const maskEmails = (s: string) => replaceEmails(s, REDACTED);

/** A run of ≥ 32 characters that is hex, or base64 with digits, upper and lower case letters. */
function tokenLike(piece: string): boolean {
  if (piece.length < 32) return false;
  if (/^[\da-f]+$/i.test(piece)) return /\d/.test(piece) && /[a-f]/i.test(piece);
  const seps = piece.length - piece.replace(/[-_]/g, "").length;
  // a slug ("Nike-Air-Max-270-…") has many separators; random base64url very few
  return /\d/.test(piece) && /[a-z]/.test(piece) && /[A-Z]/.test(piece) && seps * 8 <= piece.length;
}

function secretWord(w: string): boolean {
  const jwt = w.indexOf("eyJ");
  if (jwt >= 0) {
    const [head = "", body = "", ...rest] = w.slice(jwt).split(".");
    if (head.length >= 16 && body.length >= 2 && rest.length > 0) return true;
  }
  // standard base64 may hold "/": the whole word counts when it is not a path or a host
  const slashes = w.length - w.replace(/\//g, "").length;
  return (
    w.split(/[./]/).some(tokenLike) ||
    (!w.includes(".") && slashes * 16 <= w.length && tokenLike(w))
  );
}

/**
 * A phone or card number? Cards: 13–19 digits passing Luhn, with or without separators. Phones:
 * 8–15 digits after a `+`, or 10–15 digits with separators; bare digit runs count only in free
 * text (`bare`), since URLs carry product and order numbers.
 */
function secretNumber(run: string, bare: boolean): boolean {
  const digits = run.replace(/\D/g, "");
  const n = digits.length;
  if (n >= 13 && n <= 19 && luhn(digits)) return true;
  if (n > 15) return false;
  if (run.startsWith("+")) return n >= 8;
  return n >= 10 && (bare || /[ ().-]/.test(run));
}

/**
 * Free text (search terms, titles): e-mails, phone and card numbers, JWTs, keys and long tokens
 * are replaced with "redacted"; the rest is kept.
 */
export function maskText(text: string, bare = true): string {
  return plainText(text) ? text : maskAll(text, bare);
}

/** Runs every key (KEYS: ≥ 15 of [\w-]) and secret word (secretWord: a token piece ≥ 32 between
 * "." and "/", or a whole word ≥ 32) contains; a JWT also contains "eyJ". */
const KEY_RUN = /[\w+=~-]{15}/;
const WORD_RUN = /[\w+/=~.-]{32}/;

/**
 * Text that no rule of maskAll can change, found in one cheap pass (issue 15: most URL segments,
 * titles and click targets are short words): within MAX_SCAN, no "@" or "%40" (every e-mail has
 * one), no "eyJ" and none of the runs above (keys and tokens), and fewer than 8 digits (the
 * shortest phone or card number the rules redact has 8).
 */
export function plainText(s: string): boolean {
  if (s.length > MAX_SCAN || s.includes("@") || s.includes("%40") || s.includes("eyJ"))
    return false;
  if (KEY_RUN.test(s) || WORD_RUN.test(s)) return false;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits >= 8) return false;
  }
  return true;
}

/** maskText without its shortcut: every rule applied (exported for the shortcut's test). */
export function maskAll(text: string, bare = true): string {
  let s = maskEmails(text.slice(0, MAX_SCAN)).replace(KEYS, REDACTED);
  s = s.replace(WORD, (w) => (secretWord(w) ? REDACTED : w));
  return s.replace(NUMBER, (run) => {
    const t = run.replace(/[ (.-]+$/, "");
    return (secretNumber(t, bare) ? REDACTED : maskGroups(t, bare)) + run.slice(t.length);
  });
}

/**
 * A run that is no number as a whole may hold one beside other numbers ("4111 1111 1111 1111
 * 2028"): every window of space-separated groups up to 19 digits long is tried (bounded work).
 */
function maskGroups(run: string, bare: boolean): string {
  const groups = run.split(" ");
  const hit = new Array<boolean>(groups.length).fill(false);
  for (let i = 0; i < groups.length; i++) {
    let digits = 0;
    for (let j = i; j < groups.length && digits <= 19; j++) {
      digits += (groups[j] ?? "").replace(/\D/g, "").length;
      if (j > i && secretNumber(groups.slice(i, j + 1).join(" "), bare)) hit.fill(true, i, j + 1);
    }
  }
  if (!hit.includes(true)) return run;
  const out: string[] = [];
  groups.forEach((g, i) => {
    if (!hit[i]) out.push(g);
    else if (!hit[i - 1]) out.push(REDACTED);
  });
  return out.join(" ");
}

/** `decodeURIComponent` that never throws (a malformed escape is kept as is). */
function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** Whether a URL part (decoded) holds a secret by value. */
const holdsSecret = (part: string) => maskText(decode(part), false) !== decode(part);

/** `a=1&email=x` → values of sensitive names or holding a secret replaced; the rest untouched. */
function scrubQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? "" : pair.slice(eq + 1);
      if (sensitiveName(decode(name)) || holdsSecret(value)) return `${name}=${REDACTED}`;
      return holdsSecret(name) ? REDACTED : pair;
    })
    .join("&");
}

/** Path segments after which the next one is a secret (`/reset/<token>`, `#/verify/<code>`). */
export const ROUTE_WORDS = new Set([
  "reset",
  "token",
  "verify",
  "confirm",
  "invite",
  "activate",
  "activation",
  "magic",
  "unsubscribe",
  "password",
  "otp",
  "auth",
  "login",
  "session",
]);

function scrubPath(path: string): string {
  let after = false;
  return path
    .split("/")
    .map((seg) => {
      const out = seg && (after || holdsSecret(seg)) ? REDACTED : seg;
      after = ROUTE_WORDS.has(decode(seg).toLowerCase());
      return out;
    })
    .join("/");
}

/** `#access_token=…` as parameters, `#/reset/<token>?x=1` as a route, else as one segment. */
function scrubFragment(hash: string): string {
  const h = hash.slice(1);
  if (!h) return hash;
  if (!/^!?\//.test(h)) {
    if (h.includes("=")) return `#${scrubQuery(h)}`;
    return holdsSecret(h) ? `#${REDACTED}` : hash;
  }
  const q = h.indexOf("?");
  const path = q < 0 ? h : h.slice(0, q);
  return `#${scrubPath(path)}${q < 0 ? "" : `?${scrubQuery(h.slice(q + 1))}`}`;
}

/**
 * A URL (page, referrer) with credentials removed and every rule applied to its path segments,
 * query and fragment; harmless parts are kept byte for byte. Text that is not an absolute URL is
 * scrubbed as a relative one (path, query, fragment).
 */
export function scrubUrl(href: string): string {
  const s = href.slice(0, MAX_SCAN);
  const m = /^([a-z][\w+.-]{0,30}:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(s);
  const [, scheme = "", authority = "", path = s, query = "", hash = ""] = m ?? [];
  if (!m) {
    // relative or odd: split off query and fragment by hand
    const f = s.indexOf("#");
    const before = f < 0 ? s : s.slice(0, f);
    const q = before.indexOf("?");
    const rel =
      scrubPath(q < 0 ? before : before.slice(0, q)) +
      (q < 0 ? "" : `?${scrubQuery(before.slice(q + 1))}`) +
      (f < 0 ? "" : scrubFragment(s.slice(f)));
    return maskEmails(rel);
  }
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  const out =
    scheme +
    host +
    scrubPath(path) +
    (query ? `?${scrubQuery(query.slice(1))}` : "") +
    (hash ? scrubFragment(hash) : "");
  return maskEmails(out);
}
