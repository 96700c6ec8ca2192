/*
 * The regex dialect of `$regex` / `$regexi`: patterns that are valid for JavaScript's RegExp
 * (what GrowthBook runs, without flags other than "i") AND read the same way by RE2 (what we
 * run, in linear time; see regex.ts). Most syntax means the same in both; this scan refuses the
 * constructs where they part:
 *  - backreferences (\1…\9, \k<name>) and lookaround ((?=, (?!, (?<=, (?<!): RE2 cannot run them;
 *  - escapes whose meaning differs (JS reads \p, \A, \z, \Q, \a, \e… as the bare letter, RE2 as a
 *    class, an anchor or a control character; \u, \c and \x{…} exist in one dialect only), so only
 *    \d \D \w \W \s \S \b \B \t \n \r \f \v, \0, \xHH and an escaped ASCII symbol are accepted;
 *  - a class that starts with "]" ("[]" and "[^]" are complete classes in JS, not in RE2) and
 *    POSIX classes ("[[:alpha:]]" is one in RE2, a class of "[:ahlp" then "]" in JS).
 * It also estimates the size of the compiled program before RE2 expands counted repetitions, so
 * that "[\w\W]{1000}" is refused without paying for its compilation.
 */

const SHORTHANDS = "dDwWsStnrfv";
const HEX2 = /^[0-9A-Fa-f]{2}$/;
const COUNTED = /^\{(\d+)(,(\d*))?\}/;
const POSIX = /^\[:\^?[A-Za-z]*:\]/;

/** Why the escape at `p[i]` ("\" then a character) is not in the dialect, or null. */
function escapeError(p: string, i: number, inClass: boolean): string | null {
  const c = p[i + 1];
  if (c === undefined) return "a trailing backslash";
  if (/[1-9]/.test(c)) return `backreference \\${c}`;
  if (c === "k" && !inClass) return "backreference \\k<name>";
  if (SHORTHANDS.includes(c) || (!inClass && (c === "b" || c === "B"))) return null;
  if (c === "0") return /[0-9]/.test(p[i + 2] ?? "") ? "octal escape \\0…" : null;
  if (c === "x") return HEX2.test(p.slice(i + 2, i + 4)) ? null : "\\x without two hex digits";
  const code = c.charCodeAt(0);
  if (code < 0x80 && !/[A-Za-z0-9]/.test(c)) return null; // an escaped ASCII symbol or space
  return `escape \\${c} (it means something else in RE2, or is not RE2 syntax)`;
}

/** Why a group opening at `p[i]` ("(") is not in the dialect, or null. */
function groupError(p: string, i: number): string | null {
  if (p[i + 1] !== "?") return null;
  const head = p.slice(i + 2, i + 4);
  if (/^(=|!|<=|<!)/.test(head)) return "lookaround (?=, (?!, (?<=, (?<!";
  if (head[0] === ":" || head[0] === "<") return null; // (?: and (?<name>
  return `group syntax "(?${head[0] ?? ""}"`;
}

/**
 * Why the pattern is outside the dialect, or null when it is inside. `maxSize` bounds the
 * estimated program size (one per atom, repeated by counted quantifiers).
 */
export function dialectError(p: string, maxSize: number): string | null {
  // Estimated size of each open group, and of the last atom (what a quantifier repeats).
  const sizes: number[] = [0];
  let last = 0;
  const add = (n: number) => {
    sizes[sizes.length - 1] = (sizes[sizes.length - 1] ?? 0) + n;
  };
  let i = 0;
  while (i < p.length) {
    const c = p[i] as string;
    if (c === "\\") {
      const e = escapeError(p, i, false);
      if (e) return e;
      last = 1;
      add(1);
      i += p[i + 1] === "x" ? 4 : 2;
    } else if (c === "[") {
      let j = i + 1;
      if (p[j] === "^") j++;
      if (p[j] === "]") return `a class starting with "]" ("[]", "[^]" or "[]…]")`;
      while (j < p.length && p[j] !== "]") {
        if (p[j] === "\\") {
          const e = escapeError(p, j, true);
          if (e) return e;
          j += p[j + 1] === "x" ? 4 : 2;
        } else if (p[j] === "[" && POSIX.test(p.slice(j, j + 16))) {
          return "POSIX class [:name:]";
        } else j++;
      }
      last = 1;
      add(1);
      i = j + 1;
    } else if (c === "(") {
      const e = groupError(p, i);
      if (e) return e;
      sizes.push(0);
      last = 0;
      i++;
    } else if (c === ")") {
      last = (sizes.length > 1 ? (sizes.pop() ?? 0) : 0) + 1;
      add(last);
      i++;
    } else if (c === "{" && COUNTED.test(p.slice(i, i + 24))) {
      const m = COUNTED.exec(p.slice(i, i + 24)) as RegExpExecArray;
      const min = Number(m[1]);
      const times = m[2] === undefined ? min : m[3] === "" ? min + 1 : Number(m[3]);
      add(last * (Math.max(times, 1) - 1));
      last *= Math.max(times, 1);
      i += m[0].length;
    } else {
      if (c === "|" || c === "*" || c === "+" || c === "?") add(1);
      else {
        last = 1;
        add(1);
      }
      i++;
    }
    if ((sizes[sizes.length - 1] ?? 0) > maxSize || last > maxSize) {
      return `too large: more than ${maxSize} steps once repetitions are expanded`;
    }
  }
  return null;
}
